/* A header next to the including file: found first for "local.h". */
#ifndef __FIXTURE_LOCAL_H
#define __FIXTURE_LOCAL_H

#define LOCAL_VALUE	0x55
	local_h_line	__INCLUDE_LEVEL__

#endif /* __FIXTURE_LOCAL_H */
