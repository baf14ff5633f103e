#pragma once
#ifdef ONCE_COUNT
#undef ONCE_COUNT
#define ONCE_COUNT 2
#else
#define ONCE_COUNT 1
#endif
	once_h_body
