/* SPDX-License-Identifier: MIT */
/* cpp fixture: #if arithmetic, defined, #ifdef/#elif/#else chains, skipped groups. */
#define VA_BITS		48
#define PAGE_SHIFT	12
#define CONFIG_ARM64_PTR_AUTH 1
#define NOT_A_NUMBER

#if VA_BITS > 47 && PAGE_SHIFT == 12
	va_48_4k
#elif VA_BITS > 47
	va_48
#else
	va_small
#endif

#if defined(CONFIG_ARM64_PTR_AUTH) && !defined CONFIG_ARM64_BTI
	pac_only
#endif
#ifdef NOT_A_NUMBER
	defined_but_empty
#endif
#ifndef CONFIG_UNKNOWN
	not_defined
#endif

/* precedence and associativity */
#if 1 + 2 * 3 == 7 && (1 + 2) * 3 == 9 && 10 - 4 - 3 == 3 && 2 << 3 >> 1 == 8
	precedence_ok
#endif
#if (1 | 2 ^ 3 & 4) == 3 && (7 & 3 | 8) == 11 && !0 == 1 && ~0 == -1
	bitwise_ok
#endif
/* unsigned conversions, suffixes, limits */
#if -1 > 0u && -1 < 0 && 0xffffffffffffffff == -1 && 18446744073709551615u == -1
	unsigned_ok
#endif
#if 0x7fffffffffffffff > 0 && 0x8000000000000000 > 0 && -9223372036854775807 - 1 < 0
	limits_ok
#endif
#if 10UL / 3 == 3 && -7 / 2 == -3 && -7 % 2 == -1 && 1ull << 40 == 0x10000000000 && 017 == 15
	division_ok
#endif
#if (-1 >> 1) == -1 && (1 << 63) < 0 && (0u - 1) >> 63 == 1
	shift_ok
#endif
/* character constants (char is unsigned on arm64) */
#if 'a' == 97 && '\n' == 10 && '\0' == 0 && '\x41' == 65 && '\101' == 65 && '\377' > 0
	chars_ok
#endif
/* ternary, comma, short circuit, unknown identifiers */
#if (1 ? 2 : 3) == 2 && (0 ? 2 : 3) == 3 && (1 ? -1 : 0u) > 0
	ternary_ok
#endif
#if 0 && (1 / 0)
	never
#elif 1 || (1 / 0)
	short_circuit_ok
#endif
#if SOME_UNDEFINED_NAME == 0 && !ANOTHER_ONE && (UNDEF1 + UNDEF2) == 0
	unknown_is_zero
#endif
#define DEFINED_VIA_MACRO defined(CONFIG_ARM64_PTR_AUTH)
#if DEFINED_VIA_MACRO
	defined_from_macro
#endif

/* nested groups; a skipped group is not evaluated */
#if 0
#if garbage ( that would not parse
	never
#elif also garbage
#else
	never
#endif
	it's skipped, quotes and all "
#error not reached
#elif 1
#ifdef CONFIG_ARM64_PTR_AUTH
#if PAGE_SHIFT == 16
	never
#elif PAGE_SHIFT == 14
	never
#else
	nested_else
#endif
#endif
#else
	never
#endif

/* #elif after a taken branch is not evaluated */
#if 1
	first_taken
#elif 1 / 0
	never
#endif
#undef VA_BITS
#ifdef VA_BITS
	never
#else
	undef_ok
#endif
