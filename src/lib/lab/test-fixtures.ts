/**
 * Fixtures for the lab's tests: the e2e fixture lesson's lab (scenario and tasks, a frozen copy of the
 * seed lesson's, so editing the course's lessons breaks no lab test) and a reference solution.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { labSchema, type Lab } from './lab-schema.ts';

const lessonDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../e2e/fixtures/content/lessons/fixture-lesson');

/** The fixture lesson's slug. */
export const LESSON = 'fixture-lesson';

/** The fixture lesson's lab.yaml, validated. */
export const LAB: Lab = labSchema.parse(parse(readFileSync(resolve(lessonDir, 'lab.yaml'), 'utf8')));

/** The lab's starting scenario text. */
export const LAB_YAML = readFileSync(resolve(lessonDir, 'scenarios', `${LAB.scenario}.yaml`), 'utf8');

/** Task 1 done the loose way: no `ports`, so pod-b's admin port is open too (fails task 2). */
export const ALLOW_ALL_PORTS = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-frontend
spec:
  podSelector:
    matchLabels:
      app: backend
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: frontend
`;

/** Tasks 1 and 2: only the frontend, only TCP 8080. */
export const ALLOW_8080 = `${ALLOW_ALL_PORTS}      ports:
        - protocol: TCP
          port: 8080
`;

/** Task 3: pod-a may send only to pod-b on 8080 and to CoreDNS on 53. */
export const FRONTEND_EGRESS = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: frontend-egress
spec:
  podSelector:
    matchLabels:
      app: frontend
  policyTypes:
    - Egress
  egress:
    - to:
        - podSelector:
            matchLabels:
              app: backend
      ports:
        - protocol: TCP
          port: 8080
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
`;

/** The scenario plus `extra` documents (each starting with `---`). */
export function withPolicies(...extra: string[]): string {
  return `${LAB_YAML.endsWith('\n') ? LAB_YAML : `${LAB_YAML}\n`}${extra.join('')}`;
}
