/* Test fixture: a few configuration symbols. */
#define CONFIG_DYNAMIC_FTRACE 1
#define CONFIG_DYNAMIC_FTRACE_WITH_ARGS 1
#define CONFIG_KPROBES_MODULE 1
#define CONFIG_ARM64_BTI_KERNEL 1
#define CONFIG_NR_CPUS 256
