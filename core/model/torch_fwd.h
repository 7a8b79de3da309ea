#pragma once
// The narrow set of torch headers the model needs. <torch/torch.h> costs ~28 s
// per translation unit here; these (precompiled in core) cost a fraction.
#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/dropout.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
