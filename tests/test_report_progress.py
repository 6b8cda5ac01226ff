"""Progress on long runs: a bar on a terminal, nothing when stderr is not a terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios

from report_support import write_story


def test_quiet_when_stderr_is_not_a_terminal(tmp_path):
    folder = write_story(tmp_path / "in")
    proc = subprocess.run([sys.executable, "-m", "consilience", "analyze", str(folder), "--no-db",
                           "--format", "md", "--out", str(tmp_path / "out.md")],
                          check=False, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0
    assert proc.stderr == ""


def test_bar_on_a_terminal(tmp_path):
    folder = write_story(tmp_path / "in")
    master, slave = pty.openpty()
    # A terminal of 24 rows and 100 columns, as a real one reports (a new pty reports 0 x 0).
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "consilience", "analyze", str(folder),
                             "--no-db", "--format", "md", "--out", str(tmp_path / "out.md")],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave,
                            env={**os.environ, "TERM": "xterm"})
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=600)
    os.close(master)
    assert proc.returncode == 0
    # Every phase has a bar with its total (updates are throttled, so not every count shows):
    # the two articles, then the story stages.
    assert b"articles:" in seen and b"0/2 [" in seen and b"1/2 [" in seen
    assert b"stories:" in seen and b"0/1 [" in seen
