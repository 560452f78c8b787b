#!/usr/bin/env python3
"""tools/bench/perf_summary.py: how it reads `perf script` output and what it reports.

Registered in ctest as tools_perf_summary; runs without perf or a stack.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "bench"))
import perf_summary  # noqa: E402 (found through the path above)

# Four samples of 1 ms each, as `perf script -F comm,pid,tid,period,ip,sym,dso`
# prints them: a worker in write() (sampled where interrupts come back on), a
# worker in its own code, a PostgreSQL backend forked while recording (not in
# the PID map), and a worker taking a page fault.
PERF_SCRIPT = """\
fcgi-app  101/101     1000000
\tffffffff81001000 pvm_irq_enable ([kernel.kallsyms])
\tffffffff81001100 __raw_callee_save_pvm_irq_enable ([kernel.kallsyms])
\tffffffff81001200 _raw_spin_unlock_irqrestore ([kernel.kallsyms])
\tffffffff81001300 unix_write_space ([kernel.kallsyms])
\tffffffff81001400 unix_stream_sendmsg ([kernel.kallsyms])
\tffffffff81001500 do_syscall_64 ([kernel.kallsyms])
\tffffffff81001600 entry_SYSCALL_64_after_hwframe ([kernel.kallsyms])
\t           f1234 __GI___libc_write (/usr/lib/x86_64-linux-gnu/libc.so.6)
\t               0 [unknown] ([unknown])

fcgi-app  102/102     1000000
\t          4a1234 fcgi::db::PipelinedDatabase::send(std::basic_string_view<char, std::char_traits<char> >) const (/work/build/fcgi-app)
\t          4a2234 [unknown] (/work/build/fcgi-app)

postgres  555/555     1000000
\t          123456 [unknown] (/usr/lib/postgresql/15/bin/postgres)

fcgi-app  101/101     1000000
\tffffffff81002000 clear_page_erms ([kernel.kallsyms])
\tffffffff81002100 exc_page_fault ([kernel.kallsyms])
\tffffffff81002200 asm_exc_page_fault ([kernel.kallsyms])
\t           91234 _int_malloc (/usr/lib/x86_64-linux-gnu/libc.so.6)

"""


def read_profile():
    profile = perf_summary.Profile({101: "pool", 102: "pool"})
    profile.read(PERF_SCRIPT.splitlines(keepends=True))
    return profile


class ReadsPerfScript(unittest.TestCase):
    def test_groups_samples_by_pid_then_by_command(self):
        profile = read_profile()
        self.assertEqual(profile.samples, 4)
        self.assertEqual(profile.time["pool"], 3_000_000)
        self.assertEqual(profile.time["PostgreSQL"], 1_000_000)

    def test_names_the_system_call_after_the_c_library_wrapper(self):
        profile = read_profile()
        self.assertEqual(profile.kernel["pool"], 2_000_000)
        self.assertEqual(profile.kernel_kinds["pool"], {"write": 1_000_000, "page faults": 1_000_000})

    def test_attributes_kernel_time_to_the_function_that_enabled_interrupts(self):
        symbols = read_profile().symbols["pool"]
        self.assertIn(("unix_write_space", True), symbols)
        self.assertNotIn(("pvm_irq_enable", True), symbols)
        self.assertIn(("PipelinedDatabase::send", False), symbols)

    def test_user_time_by_binary(self):
        self.assertEqual(read_profile().user_objects["pool"], {"fcgi-app": 1_000_000})

    def test_the_c_library_allocator_counts_apart_from_the_rest_of_it(self):
        libc = "/usr/lib/x86_64-linux-gnu/libc.so.6"
        self.assertEqual(perf_summary.user_object("_int_malloc", libc), "malloc/free")
        self.assertEqual(perf_summary.user_object("cfree@GLIBC_2.2.5", libc), "malloc/free")
        self.assertEqual(perf_summary.user_object("__memmove_avx512_unaligned_erms", libc), "libc")
        self.assertEqual(perf_summary.user_object("malloc", "/work/build/fcgi-app"), "fcgi-app")


class ShortSymbols(unittest.TestCase):
    def test_drops_arguments_templates_clones_and_versions(self):
        cases = {
            "std::vector<unsigned int, std::allocator<unsigned int> >::_M_realloc_insert<unsigned int const&>"
            "(__gnu_cxx::__normal_iterator<unsigned int*, std::vector<unsigned int> >, unsigned int const&)":
                "vector<>::_M_realloc_insert<>",
            "(anonymous namespace)::score(int) [clone .constprop.0]": "(anonymous namespace)::score",
            "cfree@GLIBC_2.2.5": "cfree",
            "finish_task_switch.isra.0": "finish_task_switch.isra.0",
        }
        for symbol, expected in cases.items():
            self.assertEqual(perf_summary.short_symbol(symbol, "x"), expected)

    def test_an_unnamed_function_is_its_binary(self):
        self.assertEqual(perf_summary.short_symbol("[unknown]", "/usr/lib/x86_64-linux-gnu/libsodium.so.23.3.0"),
                         "[libsodium]")
        self.assertEqual(perf_summary.short_symbol("[unknown]", "[unknown]"), "[no mapping]")


class Markdown(unittest.TestCase):
    def test_reports_shares_and_cpu_per_request(self):
        text = perf_summary.markdown(read_profile(), "GET /x", requests=100, seconds=1, cpus=2)
        self.assertIn("**GET /x**: 100 requests/s, 40 µs of the stack's CPU per request", text)
        self.assertIn("the stack kept 0% of the 2 cores busy", text)
        self.assertIn("Where it goes: pool 75% · PostgreSQL 25%.", text)
        self.assertIn("pool (30 µs/request; kernel 67% (write 33%, page faults 33%), user 33% (fcgi-app 33%))", text)
        self.assertIn("`unix_write_space` (k) 33%", text)

    def test_says_when_nothing_was_sampled(self):
        text = perf_summary.markdown(perf_summary.Profile({}), "GET /x", requests=0, seconds=1, cpus=2)
        self.assertIn("no samples", text)


if __name__ == "__main__":
    unittest.main()
