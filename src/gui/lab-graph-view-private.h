/* lab-graph-view-private.h: the canvas's state, shared by its drawing, its input handling, the
 * tests and the benchmark
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LabCanvasState is everything the drawing needs and nothing of GTK's widget machinery, so that
 * lab_canvas_draw() runs on a Cairo image surface without a display. The widget fills in its
 * colours from the style and its PangoContext; the tests and the benchmark use the defaults.
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-canvas-geometry.h"
#include "lab-graph-view.h"

G_BEGIN_DECLS

#define LAB_CANVAS_ICON_SIZE 16.0   /* canvas units */
#define LAB_CANVAS_CORNER    8.0
/* Levels of detail */
#define LAB_CANVAS_NEAR_ZOOM       0.75  /* from here: every line at its normal size */
#define LAB_CANVAS_FAR_DETAIL_ZOOM 0.45  /* below: the name only, no edge labels */
#define LAB_CANVAS_BAR_ZOOM        0.3   /* below: cards in a few batched fills, text as bars */
#define LAB_CANVAS_ICON_GAP  6.0
#define LAB_CANVAS_FAR_ICON_SIZE 20.0

typedef struct
{
  GdkRGBA  bg;        /* the canvas behind everything */
  GdkRGBA  fg;        /* text and lines */
  GdkRGBA  card;      /* node background; may be translucent over bg */
  GdkRGBA  accent;    /* selection */
  GdkRGBA  error;     /* invalid nodes and refused connections */
  GdkRGBA  error_bg;  /* the error badge, with error_fg on it */
  GdkRGBA  error_fg;
  GdkRGBA  warning_bg; /* health badges, with warning_fg on them */
  GdkRGBA  warning_fg;
  GdkRGBA  shade;     /* shadows */
  gboolean dark;
  /* Derived for each frame by lab_canvas_draw (): opaque mixes, one fill each. */
  GdkRGBA  card_solid; /* card over bg */
  GdkRGBA  port;       /* fg at 55 % over card */
} LabCanvasColors;

/* Layouts of one node's texts, rebuilt only when the text changes. */
typedef struct
{
  char        *key;        /* every text shown, joined: compared to detect a change */
  char        *icon;       /* icon name from lab_layer_icon_name () */
  PangoLayout *title;      /* the name, bold */
  PangoLayout *detail;     /* type and key settings */
  PangoLayout *summary;    /* output shape and parameter count, or the error */
  PangoLayout *shape;      /* the output shape for the labels of outgoing edges; NULL if unknown */
  PangoLayout *far_title;  /* larger type for zoomed-out views */
  PangoLayout *far_detail;
  PangoLayout *far_shape;
  double       text_w;     /* canvas units */
  double       text_h;
  double       width;      /* the card */
  double       height;
  gboolean     has_consumers; /* its output port is connected */
  guint        generation; /* last sync that saw the node, to drop the texts of removed ones */
} LabNodeText;

void lab_canvas_node_text_free (LabNodeText *text);

typedef struct
{
  guint src;
  guint dst;
} LabEdgeKey;

/* A badge set by lab_graph_view_set_node_badge (). */
typedef struct
{
  char *icon;
  char *tooltip;
} LabCanvasBadge;

typedef enum
{
  LAB_CANVAS_ACTION_NONE,
  LAB_CANVAS_ACTION_PAN,
  LAB_CANVAS_ACTION_MOVE,
  LAB_CANVAS_ACTION_CONNECT,
  LAB_CANVAS_ACTION_BAND,
} LabCanvasAction;

typedef struct
{
  LabGraph        *graph;          /* (owned) nullable */
  PangoContext    *pango;          /* (owned) */
  PangoFontDescription *font_title; /* sizes in canvas units, so text scales with the zoom */
  PangoFontDescription *font_body;
  PangoFontDescription *font_small;
  PangoFontDescription *font_far_title; /* below 75 % zoom: fewer lines in larger type */
  PangoFontDescription *font_far_body;
  LabCanvasColors  colors;
  LabTransform     view;

  GHashTable      *selected;       /* node ids (GUINT_TO_POINTER) */
  GArray          *selected_edges; /* LabEdgeKey */

  GHashTable      *texts;          /* id → LabNodeText */
  GHashTable      *badges;         /* node name → LabCanvasBadge */
  GHashTable      *icons;          /* icon name → cairo_surface_t (A8 mask) or NULL */
  guint            generation;
  gboolean         dirty;          /* texts and sizes must be rebuilt from the graph */
  GArray          *nodes;          /* LabCanvasNode in the graph's order (drawing order) */
  GHashTable      *index;          /* id → position in nodes + 1 */
  GArray          *edges;          /* LabCanvasEdge */
  guint            n_invalid;      /* nodes with an error after the last sync */

  /* The gesture in progress, drawn over the graph. */
  LabCanvasAction  action;
  double           move_dx;        /* ACTION_MOVE: offset of the selected nodes, canvas units */
  double           move_dy;
  gboolean         connecting;     /* ACTION_CONNECT: a rubber edge from (cx0, cy0) */
  double           cx0, cy0, cx1, cy1;
  int              target_node;    /* index in nodes of the hovered target, or -1 */
  guint            target_port;
  char            *reject_reason;  /* non-NULL: the hovered target refuses the connection */
  LabEdgeKey       hidden_edge;    /* the edge being re-routed (src 0 for none) */
  LabRect          band;           /* ACTION_BAND, canvas units */
  int              hover_node;     /* index, or -1 */
} LabCanvasState;

void             lab_canvas_colors_init_default (LabCanvasColors *colors,
                                                 gboolean         dark);

void             lab_canvas_state_init      (LabCanvasState *s);
void             lab_canvas_state_clear     (LabCanvasState *s);
void             lab_canvas_state_set_graph (LabCanvasState *s,
                                             LabGraph       *graph);
/* Takes a reference; NULL makes one from PangoCairo's default font map. */
void             lab_canvas_state_set_pango (LabCanvasState *s,
                                             PangoContext   *pango);
/* The graph changed: texts and sizes are rebuilt on the next sync. */
void             lab_canvas_state_invalidate (LabCanvasState *s);
/* Brings nodes and edges up to date (analysing the graph after a change); cheap when clean. */
void             lab_canvas_state_sync      (LabCanvasState *s);
/* Recomputes rectangles and edge paths only (a drag in progress moved nodes). */
void             lab_canvas_state_relayout  (LabCanvasState *s);
void             lab_canvas_badge_free      (LabCanvasBadge *badge);
/* Sets (icon non-NULL) or clears a node's badge; TRUE when that changed anything. */
gboolean         lab_canvas_state_set_badge (LabCanvasState *s,
                                             const char     *node_name,
                                             const char     *icon,
                                             const char     *tooltip);
const LabCanvasBadge *lab_canvas_state_get_badge (LabCanvasState *s,
                                                  const char     *node_name);
/* Index in s->nodes of node id, or -1. */
int              lab_canvas_state_find      (LabCanvasState *s,
                                             guint           id);
gboolean         lab_canvas_state_is_selected (LabCanvasState *s,
                                               guint           id);
gboolean         lab_canvas_state_edge_selected (LabCanvasState *s,
                                                 guint           src,
                                                 guint           dst);
/* A layout in font, ellipsized at max_width canvas units (no limit when negative). */
PangoLayout     *lab_canvas_make_layout     (LabCanvasState       *s,
                                             PangoFontDescription *font,
                                             const char           *text,
                                             double                max_width);
/* The icon as an alpha mask of pixels × pixels to paint in any colour, or NULL. (transfer none) */
cairo_surface_t *lab_canvas_state_get_icon  (LabCanvasState *s,
                                             const char     *name,
                                             int             pixels);
/* Drawing helpers (lab-graph-view-draw.c) and one card (lab-graph-view-card.c). */
GdkRGBA          lab_canvas_mix             (const GdkRGBA  *over,
                                             double          alpha,
                                             const GdkRGBA  *under);
void             lab_canvas_set_color       (cairo_t        *cr,
                                             const GdkRGBA  *c,
                                             double          alpha);
void             lab_canvas_rounded_rect    (cairo_t        *cr,
                                             double          x,
                                             double          y,
                                             double          w,
                                             double          h,
                                             double          r);
void             lab_canvas_draw_card       (LabCanvasState *s,
                                             cairo_t        *cr,
                                             int             index);
void             lab_canvas_draw            (LabCanvasState *s,
                                             cairo_t        *cr,
                                             int             width,
                                             int             height);

/* Node texts, for the drawing and the tests. "64 units", "32 × 3×3, same", "ReLU", "rate 0.5";
 * "" when the type has nothing worth showing. (transfer full) */
char            *lab_canvas_node_settings_text (const LabNode *node);
/* "4,160" (grouped by thousands). (transfer full) */
char            *lab_canvas_format_count    (guint64         n);
/* "64 · 4,160 params", or what is wrong. (transfer full) */
char            *lab_canvas_node_summary_text (const LabNode *node);

struct _LabGraphView
{
  GtkWidget        parent_instance;

  LabHistory      *history;
  gulong           changed_id;
  LabCanvasState   state;
  char            *locked_reason;
  gboolean         first_view_pending; /* a new graph waits for a size to be shown */
  guint            a11y_idle;
  guint            n_pastes;        /* since the last copy: each paste lands a step further */
  GtkWidget       *tooltip_label;   /* (owned) wraps long messages */
  GSimpleActionGroup *action_group; /* (owned) nullable: lab_graph_view_get_action_group () */
  gboolean         test_log;        /* LAYERLAB_TEST_LOG: print port positions (testlog.c) */
  char            *geometry_logged; /* the last line printed */

  /* Input (lab-graph-view-input.c) */
  GtkGesture      *drag;
  double           press_x;         /* widget pixels where the drag began */
  double           press_y;
  double           pan_x0;          /* view.pan at the start of a pan */
  double           pan_y0;
  guint            connect_src;     /* ACTION_CONNECT: output node id */
  gboolean         moved;           /* ACTION_MOVE: past the drag threshold */
  int              click_effect;    /* what a press on a node does if it stays a click */
  guint            click_node;
  double           pinch_zoom0;     /* zoom when a touchpad pinch began, 0 outside one */
  GHashTable      *band_base;       /* selection before a shift-band, to add to */
  gboolean         space_held;
  gboolean         pointer_in;
  double           pointer_x;       /* widget pixels */
  double           pointer_y;
};

/* lab-graph-view.c, for the input handlers and the actions */
void             lab_graph_view_message        (LabGraphView *self,
                                                const char   *text);
/* FALSE (and a message) when the view is locked. */
gboolean         lab_graph_view_check_unlocked (LabGraphView *self);
void             lab_graph_view_selection_changed (LabGraphView *self);
void             lab_graph_view_set_zoom_about (LabGraphView *self,
                                                double        zoom,
                                                double        wx,
                                                double        wy);
/* NULL when src → dst (into input slot port) fits, or why not. (transfer full) */
char            *lab_graph_view_check_connection (LabGraphView *self,
                                                  guint         src,
                                                  guint         dst,
                                                  guint         port,
                                                  LabEdgeKey   *without);
/* Adds a layer spec centred on canvas point (cx, cy) and selects it; 0 (and a message) on error. */
guint            lab_graph_view_add_layer_at   (LabGraphView *self,
                                                const char   *spec,
                                                double        cx,
                                                double        cy);
void             lab_graph_view_draw           (LabGraphView *self,
                                                cairo_t      *cr,
                                                int           width,
                                                int           height);

/* lab-graph-view-actions.c */
void             lab_graph_view_class_install_actions (GtkWidgetClass *widget_class);

/* lab-graph-view-input.c */
void             lab_graph_view_init_input     (LabGraphView *self);
void             lab_graph_view_log_geometry   (LabGraphView *self);

G_END_DECLS
