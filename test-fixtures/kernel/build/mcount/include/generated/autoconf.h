/*
 * Kconfig of a typical build of era mcount, written by aarch64-ftrace
 * (formatAutoconfHeader in server/src/ftrace/eras.ts), not by a kernel build.
 */
#define CONFIG_ARM64 1
#define CONFIG_64BIT 1
#define CONFIG_SMP 1
#define CONFIG_ARM64_4K_PAGES 1
#define CONFIG_ARM64_CONT_PTE_SHIFT 4
#define CONFIG_ARM64_CONT_PMD_SHIFT 4
#define CONFIG_ARM64_PAGE_SHIFT 12
#define CONFIG_NR_CPUS 256
#define CONFIG_ARM64_VA_BITS_48 1
#define CONFIG_ARM64_VA_BITS 48
#define CONFIG_ARM64_PA_BITS_48 1
#define CONFIG_ARM64_PA_BITS 48
#define CONFIG_PGTABLE_LEVELS 4
#define CONFIG_FUNCTION_TRACER 1
#define CONFIG_FUNCTION_GRAPH_TRACER 1
#define CONFIG_DYNAMIC_FTRACE 1
#define CONFIG_FRAME_POINTER 1
#define CONFIG_KPROBES 1
