import { describe, expect, it } from 'vitest';
import type { ContainerModel, PodModel } from '../types.ts';
import { effectiveArgv, imageProfile, parseImageRef } from './images.ts';
import { listenerOn, podListeners, simpleCommands } from './listeners.ts';

const pod = (...containers: ContainerModel[]): PodModel => ({
  name: 'p', namespace: 'default', labels: {}, annotations: {}, nodeName: 'node-1', ip: '10.244.0.2', phase: 'Running', ready: true, implicit: false, containers,
});
const c = (image: string, extra: Partial<ContainerModel> = {}): ContainerModel => ({ name: 'c', image, ports: [], ...extra });
const open = (p: PodModel) => podListeners(p).map((l) => `${l.port}/${l.protocol} ${l.program}`);

describe('image references', () => {
  it.each([
    ['busybox:1.36', 'busybox', '1.36'],
    ['docker.io/library/busybox:1.36.1', 'busybox', '1.36.1'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.53', 'e2e-test-images/agnhost', '2.53'],
    ['nginx@sha256:0123', 'nginx', 'latest'],
    ['localhost:5000/team/app:v2', 'team/app', 'v2'],
  ])('%s → %s:%s', (image, repository, tag) => {
    expect(parseImageRef(image)).toEqual({ repository, tag });
  });

  it('knows the course images and nothing else', () => {
    expect(imageProfile('busybox:1.36')?.id).toBe('busybox');
    expect(imageProfile('nginxinc/nginx-unprivileged:1.27')?.id).toBe('nginx-unprivileged');
    expect(imageProfile('registry.k8s.io/coredns/coredns:v1.12.0')?.id).toBe('coredns');
    expect(imageProfile('ghcr.io/acme/payments:1.4')).toBeNull();
  });

  // https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#notes
  it('combines command/args with ENTRYPOINT/CMD as the kubelet does', () => {
    const agnhost = imageProfile('registry.k8s.io/e2e-test-images/agnhost:2.53');
    expect(effectiveArgv(agnhost, undefined, ['netexec'])).toEqual(['/agnhost', 'netexec']);
    expect(effectiveArgv(imageProfile('busybox'), ['sleep', '3600'], undefined)).toEqual(['sleep', '3600']);
    expect(effectiveArgv(imageProfile('busybox'), undefined, undefined)).toEqual(['sh']);
  });
});

describe('listeners come from what runs in the container', () => {
  it.each<[string, ContainerModel, string[]]>([
    // nginx's default.conf listens on 80; nginx-unprivileged's on 8080 (nginxinc/docker-nginx-unprivileged README).
    ['nginx', c('nginx:1.27'), ['80/TCP nginx']],
    ['nginx-unprivileged', c('nginxinc/nginx-unprivileged:1.27'), ['8080/TCP nginx']],
    ['nginx ignores containerPort', c('nginx:1.27', { ports: [{ containerPort: 9000, protocol: 'TCP' }] }), ['80/TCP nginx']],
    ['busybox sleep listens on nothing', c('busybox:1.36', { command: ['sleep', '86400'], ports: [{ containerPort: 8080, protocol: 'TCP' }] }), []],
    ['busybox with no command runs sh and listens on nothing', c('busybox:1.36'), []],
    // busybox networking/httpd.c: "-p [IP:]PORT  Bind to IP:PORT (default *:80)".
    ['busybox httpd -p', c('busybox:1.36', { command: ['sh', '-c', 'mkdir -p /www && echo admin > /www/index.html && exec httpd -f -p 9090 -h /www'] }), ['9090/TCP httpd']],
    ['busybox httpd default port', c('busybox:1.36', { command: ['httpd', '-f'] }), ['80/TCP httpd']],
    ['busybox httpd IP:PORT', c('busybox:1.36', { command: ['busybox', 'httpd', '-f', '-p', '0.0.0.0:8000'] }), ['8000/TCP httpd']],
    // busybox nc: "-l Listen mode, for inbound connects", "-p PORT Local port", "-u UDP".
    ['nc -lk -p', c('busybox:1.36', { command: ['sh', '-c', 'nc -lk -p 5432'] }), ['5432/TCP nc']],
    ['nc -lu -p', c('busybox:1.36', { command: ['nc', '-lu', '-p', '9000'] }), ['9000/UDP nc']],
    ['nc client listens on nothing', c('busybox:1.36', { command: ['nc', 'db', '5432'] }), []],
    ['while loop with nc', c('busybox:1.36', { command: ['sh', '-c', 'while true; do echo ok | nc -l -p 7000; done'] }), ['7000/TCP nc']],
    // agnhost README: netexec --http-port (default 8080) --udp-port (default 8081); serve-hostname --port (default 9376), HTTP by default.
    ['agnhost netexec defaults', c('registry.k8s.io/e2e-test-images/agnhost:2.53', { args: ['netexec'] }), ['8080/TCP agnhost', '8081/UDP agnhost']],
    ['agnhost netexec ports', c('registry.k8s.io/e2e-test-images/agnhost:2.53', { command: ['/agnhost', 'netexec', '--http-port', '9000', '--udp-port=-1'] }), ['9000/TCP agnhost']],
    ['agnhost serve-hostname', c('registry.k8s.io/e2e-test-images/agnhost:2.53', { args: ['serve-hostname'] }), ['9376/TCP agnhost']],
    ['agnhost serve-hostname --udp', c('registry.k8s.io/e2e-test-images/agnhost:2.53', { args: ['serve-hostname', '--udp', '--http=false', '--port', '53'] }), ['53/UDP agnhost']],
    ['agnhost with no subcommand', c('registry.k8s.io/e2e-test-images/agnhost:2.53'), []],
    // https://docs.python.org/3/library/http.server.html: "python -m http.server [port]", default 8000.
    ['python http.server default', c('python:3.12', { command: ['python', '-m', 'http.server'] }), ['8000/TCP python']],
    ['python http.server port', c('python:3.12', { command: ['python3', '-m', 'http.server', '8081'] }), ['8081/TCP python3']],
    // hashicorp/http-echo: -listen defaults to ":5678".
    ['http-echo default', c('hashicorp/http-echo:1.0', { args: ['-text=hello'] }), ['5678/TCP http-echo']],
    ['http-echo listen', c('hashicorp/http-echo:1.0', { args: ['-listen=:8080', '-text=v2'] }), ['8080/TCP http-echo']],
    ['an unmodelled image listens on its containerPorts', c('ghcr.io/acme/payments:1.4', { ports: [{ containerPort: 8443, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }] }), ['53/UDP payments', '8443/TCP payments']],
    ['an unmodelled image running a known server uses that server', c('alpine:3.20', { command: ['nc', '-lk', '-p', '8080'], ports: [{ containerPort: 9999, protocol: 'TCP' }] }), ['8080/TCP nc']],
  ])('%s', (_name, container, expected) => {
    expect(open(pod(container))).toEqual(expected);
  });

  it('keeps the files a script wrote into the served directory', () => {
    const p = pod(c('busybox:1.36', { command: ['sh', '-c', 'mkdir -p /www; echo admin > /www/index.html; echo "v2 ok" >> /www/health; httpd -f -p 9090 -h /www/'] }));
    expect(listenerOn(p, 9090, 'TCP')?.files).toEqual({ '/index.html': 'admin\n', '/health': 'v2 ok\n' });
    expect(listenerOn(p, 9090, 'UDP')).toBeUndefined();
  });

  it('sees every container of the pod', () => {
    const p = pod(c('nginxinc/nginx-unprivileged:1.27', { name: 'web' }), c('busybox:1.36', { name: 'admin', command: ['httpd', '-f', '-p', '9090'] }));
    expect(podListeners(p).map((l) => `${l.container}:${l.port}`)).toEqual(['web:8080', 'admin:9090']);
  });

  it('splits shell scripts into simple commands, quotes kept', () => {
    expect(simpleCommands(`echo 'a && b' > /x && exec httpd -p 80 # comment\nsleep 1;true`)).toEqual([
      ['echo', 'a && b', '>', '/x'],
      ['exec', 'httpd', '-p', '80'],
      ['sleep', '1'],
      ['true'],
    ]);
  });
});
