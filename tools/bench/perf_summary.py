#!/usr/bin/env python3
"""Summarises one `perf record -e cpu-clock -g` of the stack for tools/bench/profile.

Reads `perf script -F comm,pid,tid,period,ip,sym,dso` on stdin and prints one
Markdown block: where the CPU went per process group (share of the samples and
CPU µs per request), the pool's kernel time split by system call, and the top
symbols (self time) of each group.

    perf script ... | perf_summary.py --groups pids.txt --name NAME --requests N \\
        --seconds S --cpus C

pids.txt has one "PID GROUP" per line; a process it does not name (forked during
the recording) is grouped by its command name.
"""

import argparse
import re
import sys
from collections import Counter, defaultdict

GROUPS = ("pool", "PostgreSQL", "NGINX", "Redis")
GROUP_OF_COMMAND = {"postgres": "PostgreSQL", "nginx": "NGINX", "redis-server": "Redis"}
# How many symbols each group lists, and below what share of the samples a group
# lists none (a few samples say nothing about where its time goes).
TOP_SYMBOLS = {"pool": 5, "PostgreSQL": 3, "NGINX": 3, "Redis": 3}
MIN_GROUP_SHARE_FOR_SYMBOLS = 0.03
# System calls by what they do for the transport.
SYSCALL_KINDS = {
    "read": "read", "readv": "read", "recvfrom": "read", "recvmsg": "read", "pread64": "read",
    "recv": "read", "write": "write", "writev": "write", "sendto": "write", "sendmsg": "write", "send": "write",
    "pwrite64": "write",
    "epoll_wait": "epoll", "epoll_pwait": "epoll", "epoll_pwait2": "epoll", "epoll_ctl": "epoll",
}

HEADER = re.compile(r"^(?P<comm>.*?)\s+(?P<pid>\d+)/(?P<tid>\d+)\s+(?P<period>\d+)\s*:?\s*$")
FRAME = re.compile(r"^\s+(?P<ip>[0-9a-f]+)\s+(?P<sym>.*?)\s+\((?P<dso>[^()]*)\)\s*$")
SYSCALL = re.compile(r"^(?:__(?:x64|ia32|se|do)_sys|ksys)_(?P<name>\w+)$")
ALLOCATOR = re.compile(r"malloc|free|realloc|calloc|memalign|_int_|consolidate|tcache|unlink_chunk|arena")
IRQ_ENABLE = re.compile(r"irq_enable|_unlock_irq(restore)?$|irq_restore")


def short_symbol(symbol, dso):
    """A readable name: no argument list, no template arguments, at most Class::method."""
    if symbol in ("", "[unknown]"):
        if dso in ("", "[unknown]"):
            return "[no mapping]"
        return "[" + re.sub(r"\.so[.0-9]*$", "", dso.rsplit("/", 1)[-1]) + "]"
    name = re.sub(r" \[clone [^\]]*\]|@@?GLIBC\S*$", "", symbol)
    # Drop the argument list: the last top-level parenthesised group and what follows.
    depth = 0
    for index in range(len(name) - 1, -1, -1):
        if name[index] == ")":
            depth += 1
        elif name[index] == "(":
            depth -= 1
            if depth == 0:
                name = name[:index]
                break
    # Template arguments, innermost first (a placeholder keeps the outer ones matchable).
    while True:
        collapsed = re.sub(r"<[^<>]*>", "\0", name)
        if collapsed == name:
            break
        name = collapsed
    parts = [part for part in name.replace("\0", "<>").split("::") if part]
    return "::".join(parts[-2:]) if parts else symbol


def call_name(symbol):
    """The system call a C library wrapper makes: __GI___libc_write -> write."""
    name = symbol
    while True:
        stripped = re.sub(r"^(__GI_|__libc_|_)", "", name)
        if stripped == name:
            return name
        name = stripped


def user_object(symbol, dso):
    """The binary or library a user sample ran in; the C library's allocator on its own."""
    if dso in ("", "[unknown]"):
        return "no mapping"
    name = re.sub(r"\.so[.0-9]*$", "", dso.rsplit("/", 1)[-1])
    if name == "libc" and ALLOCATOR.search(symbol):
        return "malloc/free"
    return name


def kernel_kind(frames):
    """What a kernel sample was doing: the system call it serves, or why else it is in the kernel."""
    for index, (_, symbol) in enumerate(frames):
        if not symbol.startswith("entry_SYSCALL"):
            continue
        # The frame after the entry is the C library's wrapper, which names the call
        # (this kernel inlines most of its own __x64_sys_* functions).
        caller = next((sym for dso, sym in frames[index + 1:] if not dso.startswith("[kernel")), "")
        name = call_name(caller) if caller not in ("", "[unknown]") else ""
        if not name:
            inner = (SYSCALL.match(sym) for _, sym in frames[:index])
            name = next((match.group("name") for match in inner if match), "other system calls")
        return SYSCALL_KINDS.get(name, name)
    symbols = {symbol for _, symbol in frames}
    if symbols & {"asm_exc_page_fault", "exc_page_fault"}:
        return "page faults"
    return "interrupts and other"


def self_frame(frames):
    """The sampled frame, or in the kernel the function that turned interrupts back on.

    cpu-clock is a timer interrupt: time the kernel spends with interrupts off is
    sampled where they are enabled again (pvm_irq_enable on this virtual machine),
    which says nothing about what the time was spent on; its caller does.
    """
    index = 0
    while index + 1 < len(frames) and frames[index][0].startswith("[kernel") and IRQ_ENABLE.search(frames[index][1]):
        index += 1
    return frames[index]


class Profile:
    def __init__(self, group_of_pid):
        self.group_of_pid = group_of_pid
        self.time = Counter()  # ns per group
        self.kernel = Counter()  # ns per group in the kernel
        self.kernel_kinds = defaultdict(Counter)  # group -> kind -> ns
        self.user_objects = defaultdict(Counter)  # group -> binary or library -> ns
        self.symbols = defaultdict(Counter)  # group -> (symbol, in kernel) -> ns
        self.samples = 0

    def group(self, pid, command):
        return self.group_of_pid.get(pid) or GROUP_OF_COMMAND.get(command, "pool")

    def add(self, pid, command, period, frames):
        if not frames:
            return
        group = self.group(pid, command)
        self.samples += 1
        self.time[group] += period
        in_kernel = frames[0][0].startswith("[kernel")
        dso, symbol = self_frame(frames)
        if in_kernel:
            self.kernel[group] += period
            self.kernel_kinds[group][kernel_kind(frames)] += period
        else:
            self.user_objects[group][user_object(symbol, dso)] += period
        self.symbols[group][(short_symbol(symbol, dso), in_kernel)] += period

    def read(self, lines):
        header, frames = None, []
        for line in lines:
            line = line.rstrip("\n")
            if not line.strip():
                if header:
                    self.add(*header, frames)
                header, frames = None, []
                continue
            if not line[0].isspace():
                if header:
                    self.add(*header, frames)
                match = HEADER.match(line)
                header = (int(match["pid"]), match["comm"].strip(), int(match["period"])) if match else None
                frames = []
                continue
            match = FRAME.match(line)
            if match and header:
                frames.append((match["dso"], match["sym"]))
        if header:
            self.add(*header, frames)


def percent(part, whole):
    return 100.0 * part / whole if whole else 0.0


def shares_of(parts, whole):
    """' (a 12%, b 3%)' for the parts of a whole, or nothing when there are none."""
    listed = ", ".join(f"{name} {percent(ns, whole):.0f}%" for name, ns in parts)
    return f" ({listed})" if listed else ""


def markdown(profile, name, requests, seconds, cpus):
    total = sum(profile.time.values())
    if total == 0:
        return f"- **{name}**: no samples (nothing of the stack ran?)\n"
    per_request = total / 1000 / requests if requests else 0.0
    order = [g for g in GROUPS if profile.time[g]] + sorted(g for g in profile.time if g not in GROUPS)
    shares = " · ".join(f"{g} {percent(profile.time[g], total):.0f}%" for g in order)
    busy = percent(total / 1e9, seconds * cpus)
    lines = [
        f"- **{name}**: {requests / seconds:,.0f} requests/s, {per_request:,.0f} µs of the stack's CPU per "
        f"request ({profile.samples:,} samples; the stack kept {busy:.0f}% of the {cpus} cores busy). "
        f"Where it goes: {shares}."
    ]
    for group in order:
        time = profile.time[group]
        if percent(time, total) < 100 * MIN_GROUP_SHARE_FOR_SYMBOLS:
            continue
        top = profile.symbols[group].most_common(TOP_SYMBOLS.get(group, 3))
        listed = ", ".join(
            f"`{symbol}`{' (k)' if in_kernel else ''} {percent(ns, time):.0f}%" for (symbol, in_kernel), ns in top
        )
        kernel = profile.kernel[group]
        split = f"kernel {percent(kernel, time):.0f}%"
        if group == "pool":
            split += shares_of(profile.kernel_kinds[group].most_common(5), time)
            split += f", user {percent(time - kernel, time):.0f}%"
            split += shares_of(profile.user_objects[group].most_common(4), time)
        lines.append(f"  - {group} ({time / 1000 / requests if requests else 0:,.0f} µs/request; {split}): {listed}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", required=True, help='file of "PID GROUP" lines')
    parser.add_argument("--name", required=True)
    parser.add_argument("--requests", type=float, required=True, help="requests served while recording")
    parser.add_argument("--seconds", type=float, required=True, help="how long perf recorded")
    parser.add_argument("--cpus", type=int, required=True)
    arguments = parser.parse_args()
    group_of_pid = {}
    with open(arguments.groups, encoding="utf-8") as groups:
        for line in groups:
            pid, _, group = line.strip().partition(" ")
            if pid.isdigit() and group:
                group_of_pid[int(pid)] = group
    profile = Profile(group_of_pid)
    profile.read(sys.stdin)
    sys.stdout.write(markdown(profile, arguments.name, arguments.requests, arguments.seconds, arguments.cpus))


if __name__ == "__main__":
    main()
