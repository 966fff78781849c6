/* lab-layer-icons.h: an icon and a palette category for every layer type
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lab-layer.h"

G_BEGIN_DECLS

/* A symbolic icon name from the app's resources ("lab-layer-dense-symbolic"); for "Activation"
 * the function (may be NULL) picks the curve drawn. */
const char *lab_layer_icon_name (const LabLayerType *type,
                                 const char         *function);

G_END_DECLS
