/*
 * aarch64-ftrace built-in stand-in for a build's include/generated/autoconf.h:
 * empty. The CONFIG_* symbols come from the selected kernel era (or settings).
 */
