#!/usr/bin/env python3
"""bench_mail: Threadline's shared-mailbox import against mbsync (isync) pulling the same 10,000-message IMAP folder.

Usage (from a Release build tree; tests/bench/README.md):
    tests/bench/bench_mail.py --server build-release/app/threadline-server/threadline-server
    tests/bench/bench_mail.py --server ... --messages 2000 --runs 1 --keep

Steps: writes a mailbox of --messages messages (the charset samples of tests/unit/email/data with unique Message-IDs
and senders, every tenth with a 20-100 KB attachment, a third of them replies) straight into the Maildir of a
throwaway Dovecot configured as tests/support/DovecotServer configures it (loopback, no TLS, passwd-file users);
lets Dovecot index it once (SELECT + UID FETCH of sizes); then, --runs times, alternately
  (a) threadline-server (fresh SQLite database) with a [mailbox.bench] group on that folder: from the process start
      until /metrics shows every message handled (stored + rejected = --messages) and the folder read to its end
      (threadline_mailbox_last_sync_timestamp_seconds > 0);
  (b) mbsync with a generated .mbsyncrc pulling the folder into an empty local Maildir (Sync Pull), from the process
      start to its exit.
Prints each run's seconds and messages/s and the ratio mbsync / Threadline (> 1: Threadline is faster).
Run 1 is the first client to read the bodies after Dovecot's indexing (its caches cold); later runs are warm.
Needs root or the current user able to run Dovecot (as DovecotServer does), dovecot-imapd and isync (scripts/setup).
"""
import argparse
import base64
import email.utils
import imaplib
import json
import os
import pwd
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "unit", "email", "data")
PASSWORD = "secret-password"
USER = "support"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------------------- mailbox

def load_samples():
    samples = []
    for name in sorted(os.listdir(SAMPLES)):
        if name.endswith(".eml"):
            with open(os.path.join(SAMPLES, name), "rb") as f:
                raw = f.read().replace(b"\r\n", b"\n")
            head, _, body = raw.partition(b"\n\n")
            samples.append((name, head, body))
    return samples


def unfold(head):
    """Header lines as [(name lower, full line bytes incl. continuations)]."""
    fields = []
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] = (fields[-1][0], fields[-1][1] + b"\n" + line)
        elif line:
            fields.append((line.split(b":", 1)[0].strip().lower(), line))
    return fields


def make_message(n, sample, rng, previous_ids):
    name, head, body = sample
    customer = n % 1500
    address = "customer%d@example%d.test" % (customer, customer % 40)
    message_id = "<bench-%d.%d@mail.example%d.test>" % (n, customer, customer % 40)
    date = email.utils.formatdate(1763000000 + n * 37, localtime=False)
    keep = []
    display = None
    for field, line in unfold(head):
        if field in (b"message-id", b"date", b"in-reply-to", b"references", b"return-path", b"to", b"cc"):
            continue
        if field == b"from":
            # Keep the (encoded) display name, give each message a customer of its own.
            m = re.match(rb"From:\s*(.*?)\s*<[^>]*>\s*$", line, re.S)
            display = m.group(1) if m else None
            continue
        keep.append(line)
    lines = [b"From: " + (display + b" " if display else b"") + ("<%s>" % address).encode(),
             b"To: Support <support@example.test>",
             ("Message-ID: %s" % message_id).encode(),
             ("Date: %s" % date).encode()]
    if customer in previous_ids and n % 3 == 0:
        lines.append(("In-Reply-To: %s" % previous_ids[customer]).encode())
        lines.append(("References: %s" % previous_ids[customer]).encode())
    previous_ids[customer] = message_id
    if n % 10 == 7:
        # An attachment: the sample becomes the first part of a multipart/mixed message.
        content = [l for l in keep if l.lower().startswith((b"content-type:", b"content-transfer-encoding:"))]
        other = [l for l in keep if not l.lower().startswith((b"content-type:", b"content-transfer-encoding:",
                                                            b"mime-version:"))]
        if not any(l.lower().startswith(b"content-type:") for l in content):
            content.append(b"Content-Type: text/plain; charset=us-ascii")
        size = rng.randint(20_000, 100_000)
        payload = base64.encodebytes(b"%PDF-1.4\n" + rng.randbytes(size))
        boundary = ("=_bench_%d" % n).encode()
        parts = (b"--" + boundary + b"\n" + b"\n".join(content) + b"\n\n" + body + b"\n--" + boundary + b"\n" +
                 b'Content-Type: application/pdf; name="invoice-%d.pdf"\n' % n +
                 b"Content-Transfer-Encoding: base64\n" +
                 b'Content-Disposition: attachment; filename="invoice-%d.pdf"\n\n' % n + payload +
                 b"--" + boundary + b"--\n")
        text = b"\n".join(lines + other + [b"MIME-Version: 1.0",
                                           b'Content-Type: multipart/mixed; boundary="' + boundary + b'"']) + \
            b"\n\n" + parts
    else:
        text = b"\n".join(lines + keep) + b"\n\n" + body
    return text.replace(b"\n", b"\r\n")


def write_mailbox(maildir, count, seed):
    rng = random.Random(seed)
    samples = load_samples()
    previous = {}
    total = 0
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    for n in range(count):
        raw = make_message(n, samples[n % len(samples)], rng, previous)
        total += len(raw)
        # Maildir names sort by delivery: Dovecot gives UIDs in this order.
        path = os.path.join(maildir, "cur", "%d.M%06dP1.bench,S=%d:2," % (1763000000 + n, n, len(raw)))
        with open(path, "wb") as f:
            f.write(raw)
    return total


# ---------------------------------------------------------------------------------------------------------- Dovecot

class Dovecot:
    """Dovecot configured as tests/support/DovecotServer writes it (keep the two in step)."""

    def __init__(self, root):
        self.root = root
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        self.user = "dovecot" if self.as_root else pwd.getpwuid(os.geteuid()).pw_name
        for sub in ("run", "state", "home"):
            os.makedirs(os.path.join(root, sub), exist_ok=True)
        with open(os.path.join(root, "passwd"), "w") as f:
            f.write("%s:{PLAIN}%s::::::\n" % (USER, PASSWORD))
        config = """protocols = imap
listen = 127.0.0.1
base_dir = %1/run
state_dir = %1/state
log_path = %1/dovecot.log
default_login_user = %2
default_internal_user = %2
default_internal_group = %2
first_valid_uid = 1
first_valid_gid = 1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
mailbox_idle_check_interval = 1 secs
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u %1/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u %1/passwd
  default_fields = uid=%2 gid=%2 home=%1/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = %3
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
"""
        config = config.replace("%1", root).replace("%2", self.user).replace("%3", str(self.port))
        with open(os.path.join(root, "dovecot.conf"), "w") as f:
            f.write(config)
        self.process = None

    def maildir(self):
        return os.path.join(self.root, "home", USER, "Maildir")

    def start(self):
        if self.as_root:
            entry = pwd.getpwnam(self.user)
            for directory, dirs, files in os.walk(self.root):
                for name in [directory] + [os.path.join(directory, x) for x in dirs + files]:
                    os.chown(name, entry.pw_uid, entry.pw_gid)
        command = ["/usr/sbin/dovecot", "-F", "-c", os.path.join(self.root, "dovecot.conf")]
        if self.as_root:
            command = ["runuser", "-u", self.user, "--"] + command
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("dovecot did not greet on port %d" % self.port)

    def prime(self):
        """Lets Dovecot index the folder (what a mailbox that received the mail over time already has)."""
        imap = imaplib.IMAP4("127.0.0.1", self.port)
        imap.login(USER, PASSWORD)
        typ, data = imap.select("INBOX", readonly=True)
        count = int(data[0])
        imap.uid("FETCH", "1:*", "(UID RFC822.SIZE)")
        imap.logout()
        return count

    def stop(self):
        if self.process:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()


# ---------------------------------------------------------------------------------------------------------- runs

def process_cpu(pid):
    """user + system CPU seconds of a live process (from /proc)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None


def run_threadline(server, dovecot, expected, work):
    directory = tempfile.mkdtemp(prefix="tl-", dir=work)
    config = os.path.join(directory, "server.conf")
    with open(config, "w") as f:
        f.write("""[server]
listen = 127.0.0.1:0
[database]
url = sqlite:%s/server.sqlite
[email]
attachments_dir = %s/attachments
[mailbox.bench]
host = 127.0.0.1
port = %d
security = none
login = %s
password = %s
address = support@example.test
queue = general
timeout_s = 60
""" % (directory, directory, dovecot.port, USER, PASSWORD))
    started = time.monotonic()
    process = subprocess.Popen([server, "--config", config], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    port = token = None
    listening = 0.0
    admin_password = None
    try:
        for line in process.stdout:
            m = re.search(r"One-time password: (\S+)", line)
            if m:
                admin_password = m.group(1)
            m = re.search(r"listening on \w+://[^:]+:(\d+)", line)
            if m:
                port = int(m.group(1))
                listening = time.monotonic() - started
                break
        if not port or not admin_password:
            raise SystemExit("threadline-server did not come up")
        base = "http://127.0.0.1:%d" % port
        request = urllib.request.Request(base + "/api/v1/login", method="POST",
                                         data=json.dumps({"login": "admin", "password": admin_password}).encode(),
                                         headers={"Content-Type": "application/json"})
        token = json.load(urllib.request.urlopen(request))["token"]
        deadline = time.monotonic() + 3600
        handled = 0
        while time.monotonic() < deadline:
            text = urllib.request.urlopen(urllib.request.Request(
                base + "/metrics", headers={"Authorization": "Bearer " + token})).read().decode()
            values = {}
            for metric in ("messages_stored_total", "messages_rejected_total", "last_sync_timestamp_seconds"):
                m = re.search(r"threadline_mailbox_%s\{mailbox=\"bench\"\} (\S+)" % metric, text)
                values[metric] = float(m.group(1)) if m else 0.0
            handled = values["messages_stored_total"] + values["messages_rejected_total"]
            if handled >= expected and values["last_sync_timestamp_seconds"] > 0:
                elapsed = time.monotonic() - started
                cpu = process_cpu(process.pid)
                return elapsed, listening, cpu, int(values["messages_stored_total"]), int(values["messages_rejected_total"])
            time.sleep(0.05)
        raise SystemExit("threadline-server handled only %d of %d messages" % (handled, expected))
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(directory, ignore_errors=True)


def run_mbsync(dovecot, expected, work):
    directory = tempfile.mkdtemp(prefix="mbsync-", dir=work)
    rc = os.path.join(directory, "mbsyncrc")
    local = os.path.join(directory, "mail")
    os.makedirs(local)
    with open(rc, "w") as f:
        f.write("""IMAPAccount bench
Host 127.0.0.1
Port %d
User %s
Pass %s
SSLType None
AuthMechs LOGIN

IMAPStore bench-remote
Account bench

MaildirStore bench-local
Path %s/
Inbox %s/INBOX

Channel bench
Far :bench-remote:INBOX
Near :bench-local:INBOX
Sync Pull
Create Near
SyncState *
""" % (dovecot.port, USER, PASSWORD, local, local))
    started = time.monotonic()
    result = subprocess.run(["mbsync", "-q", "-c", rc, "bench"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit("mbsync failed (exit %d): %s" % (result.returncode, result.stdout))
    count = sum(len(os.listdir(os.path.join(local, "INBOX", sub))) for sub in ("cur", "new"))
    shutil.rmtree(directory, ignore_errors=True)
    if count != expected:
        raise SystemExit("mbsync pulled %d of %d messages" % (count, expected))
    return elapsed, count


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", required=True, help="the threadline-server binary (a Release build)")
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="leave the work directory (prints its path)")
    args = parser.parse_args()
    if not shutil.which("mbsync"):
        raise SystemExit("mbsync is not installed (Debian: isync; scripts/setup)")

    work = tempfile.mkdtemp(prefix="bench_mail-")
    os.chmod(work, 0o755)
    dovecot = Dovecot(os.path.join(work, "dovecot"))
    try:
        started = time.monotonic()
        size = write_mailbox(os.path.join(dovecot.maildir()), args.messages, args.seed)
        dovecot.start()
        count = dovecot.prime()
        print("mailbox: %d messages, %.1f MB (written %.1f s; Dovecot indexed it)" %
              (count, size / 1e6, time.monotonic() - started))
        print("%-4s %-10s %9s %9s %9s  %s" % ("run", "client", "seconds", "msg/s", "cpu s", "notes"))
        rows = []
        for run in range(1, args.runs + 1):
            note = "cold" if run == 1 else "warm"
            seconds, listening, cpu, stored, rejected = run_threadline(args.server, dovecot, count, work)
            print("%-4d %-10s %9.2f %9.0f %9s  %s; stored %d, rejected %d; of it %.2f s until the server listened" %
                  (run, "threadline", seconds, count / seconds, "%.2f" % cpu if cpu is not None else "-", note,
                   stored, rejected, listening), flush=True)
            before = os.times()
            m_seconds, pulled = run_mbsync(dovecot, count, work)
            after = os.times()
            m_cpu = (after.children_user + after.children_system) - (before.children_user + before.children_system)
            print("%-4d %-10s %9.2f %9.0f %9.2f  %s; %d files" %
                  (run, "mbsync", m_seconds, count / m_seconds, m_cpu, note, pulled), flush=True)
            rows.append((seconds, m_seconds))
        for run, (t, m) in enumerate(rows, 1):
            print("run %d: mbsync / Threadline = %.2f (%s)" % (run, m / t, "Threadline faster" if m > t
                                                               else "mbsync faster"))
    finally:
        dovecot.stop()
        if args.keep:
            print("kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
