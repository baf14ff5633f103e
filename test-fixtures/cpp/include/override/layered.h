/* Found first; adds to the header of the same name further down the include paths. */
#define LAYER_OVERRIDE	7
#include_next <layered.h>
	override_layer
