/*
 * Kconfig of a typical build of era mcount, written by aarch64-ftrace
 * (formatAutoconfHeader in server/src/ftrace/eras.ts), not by a kernel build.
 */
#define CONFIG_FUNCTION_TRACER 1
#define CONFIG_FUNCTION_GRAPH_TRACER 1
#define CONFIG_DYNAMIC_FTRACE 1
#define CONFIG_FRAME_POINTER 1
#define CONFIG_KPROBES 1
