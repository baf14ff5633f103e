/*
 * Kconfig of a typical build of era 5.5-with-regs, written by aarch64-ftrace
 * (formatAutoconfHeader in server/src/ftrace/eras.ts), not by a kernel build.
 */
#define CONFIG_FUNCTION_TRACER 1
#define CONFIG_FUNCTION_GRAPH_TRACER 1
#define CONFIG_DYNAMIC_FTRACE 1
#define CONFIG_FRAME_POINTER 1
#define CONFIG_KPROBES 1
#define CONFIG_HAVE_DYNAMIC_FTRACE_WITH_REGS 1
#define CONFIG_DYNAMIC_FTRACE_WITH_REGS 1
#define CONFIG_ARM64_MODULE_PLTS 1
