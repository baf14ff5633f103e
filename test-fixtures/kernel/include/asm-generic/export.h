/* aarch64-ftrace built-in stand-in: older trees export from assembly through this header. */
#include <linux/export.h>
