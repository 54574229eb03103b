"""Progress per stage on a terminal (quiet otherwise), and the time each stage took."""
from __future__ import annotations

import sys
import time


class Stages:
    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.times: list[tuple[str, float]] = []
        self.notes: list[str] = []
        self.peaks: list[tuple[str, int]] = []
        self._name = None
        self._start = 0.0

    def start(self, name: str) -> None:
        self.stop()
        self._name, self._start = name, time.perf_counter()

    def stop(self) -> None:
        if self._name is not None:
            self.times.append((self._name, time.perf_counter() - self._start))
            self.peaks.append((self._name, _rss_mb()))
            if self.tty:
                self.stream.write("\r\033[K")
                self.stream.flush()
            self._name = None

    def tick(self, done: int, total: int) -> None:
        if self.tty and total > 1:
            width = 30
            filled = int(width * done / total)
            self.stream.write(f"\r{self._name:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            self.stream.flush()

    def note(self, text: str) -> None:
        self.notes.append(text)

    def summary(self) -> str:
        self.stop()
        total = sum(t for _, t in self.times)
        lines = [f"  {n}" for n in self.notes]
        lines.append("timings: " + ", ".join(f"{n} {t:.2f} s" for n, t in self.times) + f"; total {total:.2f} s")
        lines.append("memory (MB resident after each stage, this process): "
                     + ", ".join(f"{n} {m}" for n, m in self.peaks))
        return "\n".join(lines)


def _rss_mb() -> int:
    """Resident memory of this process now, in MB (0 where /proc is not there)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0
