/**
 * The container images the simulator knows: how a reference such as `docker.io/library/busybox:1.36` maps to
 * a profile, which binaries the image puts on $PATH, and what it runs when the pod spec sets no command.
 * An image not listed here is "unmodelled": the simulator does not know what it ships or runs
 * (see `listeners.ts` for what that means for its ports).
 */

/** The images the simulator models. */
export type ImageId =
  | 'busybox'
  | 'nginx'
  | 'nginx-unprivileged'
  | 'curl'
  | 'netshoot'
  | 'agnhost'
  | 'dnsutils'
  | 'python'
  | 'http-echo'
  | 'coredns';

/** What the simulator knows about one image. */
export interface ImageProfile {
  id: ImageId;
  /** The image's ENTRYPOINT (empty when none). */
  entrypoint: readonly string[];
  /** The image's CMD (empty when none). */
  cmd: readonly string[];
  /** Binaries the image ships on $PATH, by basename (whether or not the simulator implements them). */
  binaries: ReadonlySet<string>;
  /** True when `binaries` is the image's complete list (a name not in it really is missing). */
  complete: boolean;
  /** Which implementation each simulated tool of this image is (binary basename → tool id). */
  tools: Readonly<Partial<Record<string, ToolId>>>;
  /** The image's /bin/sh: decides `sh -c` error texts ("sh: curl: not found" vs "sh: 1: curl: not found"). */
  shell: ShellKind;
}

/** The in-pod tool implementations the simulator has (see exec/). */
export type ToolId = 'busybox-wget' | 'busybox-nc' | 'busybox-nslookup' | 'busybox-ping' | 'busybox-ip' | 'busybox-traceroute' | 'curl-7.88.1' | 'curl-8' | 'bind-dig';

/** An image's /bin/sh. */
export type ShellKind = 'busybox-ash' | 'dash' | 'bash' | 'none';

/** The tools busybox provides as applets (busybox:1.36 and Alpine's busybox run the same applet code). */
const BUSYBOX_TOOLS: Readonly<Partial<Record<string, ToolId>>> = { wget: 'busybox-wget', nc: 'busybox-nc', nslookup: 'busybox-nslookup', ping: 'busybox-ping', ip: 'busybox-ip', traceroute: 'busybox-traceroute' };

/** A parsed image reference: registry/repository path without tag or digest, and the tag ('latest' when none). */
export interface ImageRef {
  repository: string;
  tag: string;
}

/** Splits `registry/path/name:tag@sha256:…` into repository (registry and docker.io/library/ dropped) and tag. */
export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  const at = rest.indexOf('@');
  if (at >= 0) rest = rest.slice(0, at);
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag = 'latest';
  if (colon > slash) {
    tag = rest.slice(colon + 1) || 'latest';
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  // A first part with a dot or a port, or `localhost`, is a registry host.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0] ?? '')) parts.shift();
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  return { repository: parts.join('/').toLowerCase(), tag };
}

/** Splits the space-separated word lists below (kept as text so the lists stay reviewable against their sources). */
const words = (...lines: string[]): string[] => lines.join(' ').split(' ').filter((w) => w !== '');

/**
 * busybox:1.36 (docker-library/busybox, the glibc variant `busybox:1.36` points to): BusyBox 1.36.1 built with
 * `make defconfig` plus CONFIG_AR and CONFIG_INOTIFYD (latest-1/glibc/Dockerfile.builder), every applet hard-linked
 * into /bin by `busybox --install /bin`, plus Debian's `getconf`. This is the exact output of `busybox --list` for
 * that configuration (built from the 1_36_1 tag with the same .config changes).
 */
const BUSYBOX_1_36_APPLETS = words(
  '[ [[ acpid add-shell addgroup adduser adjtimex ar arch arp arping ascii ash awk base32 base64 basename bc',
  'beep blkdiscard blkid blockdev bootchartd brctl bunzip2 bzcat bzip2 cal cat chat chattr chgrp chmod chown',
  'chpasswd chpst chroot chrt chvt cksum clear cmp comm conspy cp cpio crc32 crond crontab cryptpw cttyhack',
  'cut date dc dd deallocvt delgroup deluser depmod devmem df dhcprelay diff dirname dmesg dnsd dnsdomainname',
  'dos2unix dpkg dpkg-deb du dumpkmap dumpleases echo ed egrep eject env envdir envuidgid ether-wake expand',
  'expr factor fakeidentd fallocate false fatattr fbset fbsplash fdflush fdformat fdisk fgconsole fgrep find',
  'findfs flock fold free freeramdisk fsck fsck.minix fsfreeze fstrim fsync ftpd ftpget ftpput fuser getopt',
  'getty grep groups gunzip gzip halt hd hdparm head hexdump hexedit hostid hostname httpd hush hwclock',
  'i2cdetect i2cdump i2cget i2cset i2ctransfer id ifconfig ifdown ifenslave ifplugd ifup inetd init inotifyd',
  'insmod install ionice iostat ip ipaddr ipcalc ipcrm ipcs iplink ipneigh iproute iprule iptunnel kbd_mode',
  'kill killall killall5 klogd last less link linux32 linux64 linuxrc ln loadfont loadkmap logger login',
  'logname logread losetup lpd lpq lpr ls lsattr lsmod lsof lspci lsscsi lsusb lzcat lzma lzop makedevs',
  'makemime man md5sum mdev mesg microcom mim mkdir mkdosfs mke2fs mkfifo mkfs.ext2 mkfs.minix mkfs.vfat mknod',
  'mkpasswd mkswap mktemp modinfo modprobe more mount mountpoint mpstat mt mv nameif nanddump nandwrite',
  'nbd-client nc netstat nice nl nmeter nohup nologin nproc nsenter nslookup ntpd od openvt partprobe passwd',
  'paste patch pgrep pidof ping ping6 pipe_progress pivot_root pkill pmap popmaildir poweroff powertop',
  'printenv printf ps pscan pstree pwd pwdx raidautorun rdate rdev readahead readlink readprofile realpath',
  'reboot reformime remove-shell renice reset resize resume rev rm rmdir rmmod route rpm rpm2cpio rtcwake',
  'run-init run-parts runlevel runsv runsvdir rx script scriptreplay sed seedrng sendmail seq setarch',
  'setconsole setfattr setfont setkeycodes setlogcons setpriv setserial setsid setuidgid sh sha1sum sha256sum',
  'sha3sum sha512sum showkey shred shuf slattach sleep smemcap softlimit sort split ssl_client',
  'start-stop-daemon stat strings stty su sulogin sum sv svc svlogd svok swapoff swapon switch_root sync',
  'sysctl syslogd tac tail tar taskset tc tcpsvd tee telnet telnetd test tftp tftpd time timeout top touch tr',
  'traceroute traceroute6 tree true truncate ts tsort tty ttysize tunctl ubiattach ubidetach ubimkvol',
  'ubirename ubirmvol ubirsvol ubiupdatevol udhcpc udhcpc6 udhcpd udpsvd uevent umount uname unexpand uniq',
  'unix2dos unlink unlzma unshare unxz unzip uptime users usleep uudecode uuencode vconfig vi vlock volname w',
  'wall watch watchdog wc wget which who whoami whois xargs xxd xz xzcat yes zcat zcip',
);

/**
 * debian:bookworm-slim's programs on $PATH: the files under /bin, /sbin, /usr/bin and /usr/sbin of its packages
 * (`dpkg -L` of apt, base-files, base-passwd, bash, bsdutils, coreutils, dash, debconf, debianutils, diffutils, dpkg,
 * findutils, gpgv, grep, gzip, hostname, init-system-helpers, libc-bin, login, mawk, mount, ncurses-bin, passwd,
 * perl-base, sed, sysvinit-utils, tar, util-linux on Debian 12), plus the alternatives `awk` and `which`.
 * No ping, ip, nc, wget, nslookup or dig: those packages are not in the slim image.
 */
const DEBIAN_BOOKWORM_SLIM = [...words(
  '[ add-shell addpart agetty apt apt-cache apt-cdrom apt-config apt-get apt-key apt-mark arch b2sum base32',
  'base64 basename basenc bash bashbug blkdiscard blkid blkzone blockdev captoinfo cat chage chcon chcpu chfn',
  'chgpasswd chgrp chmem chmod choom chown chpasswd chroot chrt chsh cksum clear clear_console cmp comm cp',
  'cpgr cppw csplit ctrlaltdel cut dash date dd deb-systemd-helper deb-systemd-invoke debconf',
  'debconf-apt-progress debconf-communicate debconf-copydb debconf-escape debconf-set-selections debconf-show',
  'delpart df diff diff3 dir dircolors dirname dmesg dnsdomainname domainname dpkg dpkg-deb dpkg-divert',
  'dpkg-fsys-usrunmess dpkg-maintscript-helper dpkg-preconfigure dpkg-query dpkg-realpath dpkg-reconfigure',
  'dpkg-split dpkg-statoverride dpkg-trigger du echo egrep env expand expiry expr factor faillog fallocate',
  'false fgrep find findfs findmnt flock fmt fold fsck fsck.cramfs fsck.minix fsfreeze fstab-decode fstrim',
  'getconf getent getopt getty gpasswd gpgv grep groupadd groupdel groupmems groupmod groups grpck grpconv',
  'grpunconv gunzip gzexe gzip hardlink head hostid hostname i386 iconv iconvconfig id infocmp infotocap',
  'install installkernel invoke-rc.d ionice ipcmk ipcrm ipcs ischroot isosize join killall5 last lastb lastlog',
  'ld.so ldattach ldconfig ldd link linux32 linux64 ln locale localedef logger login logname losetup ls lsblk',
  'lscpu lsipc lslocks lslogins lsmem lsns mawk mcookie md5sum md5sum.textutils mesg mkdir mkfifo mkfs',
  'mkfs.bfs mkfs.cramfs mkfs.minix mknod mkswap mktemp more mount mountpoint mv namei newgrp newusers nice',
  'nisdomainname nl nohup nologin nproc nsenter numfmt od partx passwd paste pathchk perl perl5.36.0 pidof',
  'pinky pivot_root pldd pr printenv printf prlimit ptx pwck pwconv pwd pwunconv rbash readlink readprofile',
  'realpath remove-shell rename.ul renice reset resizepart rev rgrep rm rmdir rmt-tar rtcwake run-parts runcon',
  'runuser savelog script scriptlive scriptreplay sdiff sed seq service setarch setpriv setsid setterm sg sh',
  'sha1sum sha224sum sha256sum sha384sum sha512sum shadowconfig shred shuf sleep sort split start-stop-daemon',
  'stat stdbuf stty su sulogin sum swaplabel swapoff swapon switch_root sync tabs tac tail tar tarcat taskset',
  'tee tempfile test tic timeout toe touch tput tr true truncate tset tsort tty tzselect uclampset umount',
  'uname uncompress unexpand uniq unlink unshare update-alternatives update-passwd update-rc.d update-shells',
  'useradd userdel usermod users utmpdump vdir vigr vipw wall wc wdctl whereis who whoami wipefs x86_64 xargs',
  'yes ypdomainname zcat zcmp zdiff zdump zegrep zfgrep zforce zgrep zic zless zmore znew zramctl',
), 'awk', 'which'];

/**
 * The programs every Alpine-based image here has from Alpine's busybox (`/bin/busybox` and its links). Alpine builds
 * busybox with its own configuration, which the simulator has not checked applet by applet, so only these common
 * applets are listed and the profiles that use this list are marked incomplete.
 */
const ALPINE_BUSYBOX_CORE = words(
  'sh ash busybox cat echo ls ps env id hostname true false sleep printf mkdir rm cp mv ln chmod grep sed awk head',
  'tail wc sort uniq cut tr tee date uname whoami vi less wget nc nslookup ping ping6 ip ifconfig route netstat',
  'traceroute traceroute6 telnet',
);

const PROFILES: Record<ImageId, Omit<ImageProfile, 'id'>> = {
  busybox: { entrypoint: [], cmd: ['sh'], binaries: new Set([...BUSYBOX_1_36_APPLETS, 'busybox', 'getconf']), complete: true, tools: BUSYBOX_TOOLS, shell: 'busybox-ash' },
  // docker-nginx mainline/debian/Dockerfile: FROM debian:bookworm-slim, installs the nginx packages (nginx, the njs
  // module with its `njs` CLI), gettext-base (envsubst) and curl (Debian's 7.88.1); ENTRYPOINT /docker-entrypoint.sh.
  nginx: { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], binaries: new Set([...DEBIAN_BOOKWORM_SLIM, 'nginx', 'nginx-debug', 'njs', 'envsubst', 'gettext', 'gettext.sh', 'ngettext', 'curl']), complete: true, tools: { curl: 'curl-7.88.1' }, shell: 'dash' },
  // docker-nginx-unprivileged mainline/debian/Dockerfile: the same packages, `listen 8080`, USER 101.
  'nginx-unprivileged': { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], binaries: new Set([...DEBIAN_BOOKWORM_SLIM, 'nginx', 'nginx-debug', 'njs', 'envsubst', 'gettext', 'gettext.sh', 'ngettext', 'curl']), complete: true, tools: { curl: 'curl-7.88.1' }, shell: 'dash' },
  // curl/curl-container create_base_image.sh: FROM alpine, curl built from source copied to /usr/bin/curl,
  // ENTRYPOINT /entrypoint.sh, CMD curl, USER curl_user.
  curl: { entrypoint: ['/entrypoint.sh'], cmd: ['curl'], binaries: new Set([...ALPINE_BUSYBOX_CORE, 'curl']), complete: false, tools: { ...BUSYBOX_TOOLS, curl: 'curl-8' }, shell: 'busybox-ash' },
  // nicolaka/netshoot Dockerfile: Alpine plus bind-tools (dig, nslookup, host), curl, iproute2 (ip, ss),
  // iputils (ping), netcat-openbsd (nc), nmap, socat, tcpdump, … ; wget stays busybox's.
  netshoot: {
    entrypoint: [],
    cmd: ['zsh'],
    binaries: new Set([...ALPINE_BUSYBOX_CORE, 'bash', 'zsh', 'curl', 'dig', 'host', 'drill', 'ss', 'tcpdump', 'iptables', 'ip6tables', 'nft', 'conntrack', 'ipvsadm', 'bridge', 'ethtool', 'iperf', 'iperf3', 'socat', 'mtr', 'nmap', 'nping', 'fping', 'ngrep', 'tshark', 'strace', 'ltrace', 'jq', 'vim', 'git', 'ssh', 'openssl', 'tcptraceroute', 'http', 'websocat', 'swaks', 'file', 'iftop', 'calicoctl', 'ctop', 'termshark', 'grpcurl', 'fortio']),
    complete: false,
    tools: { wget: 'busybox-wget', curl: 'curl-8', dig: 'bind-dig' },
    shell: 'bash',
  },
  // kubernetes test/images/agnhost/Dockerfile: Alpine plus bind-tools, curl, netcat-openbsd, iproute2, iperf, bash;
  // ENTRYPOINT /agnhost, CMD pause.
  agnhost: { entrypoint: ['/agnhost'], cmd: ['pause'], binaries: new Set([...ALPINE_BUSYBOX_CORE, 'agnhost', 'agnhost-2', 'coredns', 'bash', 'curl', 'dig', 'host', 'ss', 'iperf']), complete: false, tools: { wget: 'busybox-wget', curl: 'curl-8', dig: 'bind-dig' }, shell: 'bash' },
  // kubernetes test/images/jessie-dnsutils/Dockerfile: Debian jessie plus dnsutils (dig, nslookup, host, nsupdate)
  // and the coredns binary.
  dnsutils: { entrypoint: [], cmd: ['bash'], binaries: new Set([...DEBIAN_BOOKWORM_SLIM.filter((b) => !b.startsWith('apt-') || b === 'apt-get'), 'dig', 'nslookup', 'host', 'nsupdate', 'coredns']), complete: false, tools: { dig: 'bind-dig' }, shell: 'dash' },
  // docker-library/python (non-slim): FROM buildpack-deps:bookworm (curl, wget, git, procps, …), python3, pip.
  python: { entrypoint: [], cmd: ['python3'], binaries: new Set([...DEBIAN_BOOKWORM_SLIM, 'python', 'python3', 'pip', 'pip3', 'curl', 'wget', 'git', 'ps', 'ssh', 'gcc', 'make']), complete: false, tools: { curl: 'curl-7.88.1' }, shell: 'dash' },
  // hashicorp/http-echo: FROM scratch with the one static binary.
  'http-echo': { entrypoint: ['/http-echo'], cmd: [], binaries: new Set(['http-echo']), complete: true, tools: {}, shell: 'none' },
  // coredns/coredns Dockerfile: FROM distroless static (no shell), /coredns only.
  coredns: { entrypoint: ['/coredns'], cmd: [], binaries: new Set(['coredns']), complete: true, tools: {}, shell: 'none' },
};

const REPOSITORIES: Array<[RegExp, ImageId]> = [
  [/^busybox$/, 'busybox'],
  [/^nginxinc\/nginx-unprivileged$|^nginx\/nginx-unprivileged$/, 'nginx-unprivileged'],
  [/^nginx$/, 'nginx'],
  [/^curlimages\/curl$/, 'curl'],
  [/^nicolaka\/netshoot$/, 'netshoot'],
  [/(^|\/)agnhost$/, 'agnhost'],
  [/(^|\/)(jessie-)?dnsutils$/, 'dnsutils'],
  [/^python$/, 'python'],
  [/^hashicorp\/http-echo$/, 'http-echo'],
  [/(^|\/)coredns$/, 'coredns'],
];

/** The profile of a modelled image, or null for an image the simulator does not model. */
export function imageProfile(image: string): ImageProfile | null {
  const { repository } = parseImageRef(image);
  for (const [re, id] of REPOSITORIES) if (re.test(repository)) return { id, ...PROFILES[id] };
  return null;
}

/** The argv a container runs: spec command/args over the image's ENTRYPOINT/CMD, as the kubelet combines them. */
export function effectiveArgv(profile: ImageProfile | null, command: readonly string[] | undefined, args: readonly string[] | undefined): string[] {
  // https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#notes
  if (command !== undefined) return [...command, ...(args ?? [])];
  const entrypoint = profile?.entrypoint ?? [];
  return [...entrypoint, ...(args ?? profile?.cmd ?? [])];
}
