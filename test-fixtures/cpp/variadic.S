/* SPDX-License-Identifier: MIT */
/* cpp fixture: variadic macros, GNU comma elision, named variadic parameters, __VA_OPT__. */
#define LIST(...)		.word __VA_ARGS__
#define PRINT(fmt, ...)		.asciz fmt ; .word 0, ##__VA_ARGS__
#define NAMED(first, rest...)	.word first ; .quad rest
#define NAMED_COMMA(a, rest...)	.word a , ## rest
#define COUNT(...)		[__VA_ARGS__] __VA_OPT__(has_args)
#define ONLY(...)		x , ## __VA_ARGS__
#define EMPTY

	LIST(1, 2, 3)
	LIST()
	LIST((1, 2), 3)
	PRINT("a")
	PRINT("b", 1)
	PRINT("c", 1, 2)
	PRINT("d",)
	NAMED(1)
	NAMED(1, 2, 3)
	NAMED_COMMA(4)
	NAMED_COMMA(4, 5, 6)
	COUNT()
	COUNT(EMPTY)
	COUNT(a, b)
	ONLY()
	ONLY(1)
#define RECURSE(...)	a, ##__VA_ARGS__
	RECURSE(RECURSE(1))
