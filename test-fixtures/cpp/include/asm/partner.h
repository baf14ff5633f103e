#ifndef __FIXTURE_PARTNER_H
#define __FIXTURE_PARTNER_H
#include <asm/selfish.h>
	partner_body	SELFISH
#endif
