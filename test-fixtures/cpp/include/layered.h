#define LAYER_BASE	3
	base_layer
