/* Included again through its partner before its guard, as some arm64 headers are. */
#ifndef __ASSEMBLY__
#error "assembly only"
#endif

#include <asm/partner.h>

#ifndef __FIXTURE_SELFISH_H
#define __FIXTURE_SELFISH_H
#define SELFISH	9
	selfish_body	__INCLUDE_LEVEL__
#endif
