/* lab-layout.c: a Sugiyama-style layered layout
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The four classic steps (Sugiyama, Tagawa and Toda 1981; Healy and Nikolov's chapter in the
 * Handbook of Graph Drawing, 2013):
 *  1. columns: the longest path from a source, after ignoring the edges that close cycles;
 *  2. an edge spanning k > 1 columns becomes a chain through k − 1 dummy vertices, so that every
 *     edge joins neighbouring columns and the crossing count below is exact;
 *  3. order within columns: alternate down and up barycenter sweeps (each vertex moves to the mean
 *     place of its neighbours in the column just fixed), keeping the order with fewest crossings,
 *     counted as inversions in O(e log e);
 *  4. heights: each vertex is pulled towards the mean height of its neighbours and each column is
 *     then placed as close to those wishes as the spacing allows, which is an isotonic regression
 *     solved exactly by pool-adjacent-violators in linear time. Dummies take a node's room: the
 *     window draws an edge straight from its source to its target, so a skip connection needs a
 *     lane of its own; with it, the two ends sit half a row beside the skipped nodes and the edge
 *     runs in the gap instead of behind them.
 * Everything iterates in node order with index tie-breaks: the same graph gives the same layout.
 */
#define G_LOG_DOMAIN "lab-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lab-layout.h"

#define N_SWEEPS        8
#define N_HEIGHT_PASSES 16

typedef struct
{
  guint   n_real;
  guint   n;          /* real vertices, then dummies */
  guint   n_layers;
  guint  *layer;      /* per vertex */
  double  spacing;    /* between the centres of neighbours in a column */
  /* Neighbours in the previous (up) and next (down) column, in CSR form. */
  guint  *up_start, *up;
  guint  *down_start, *down;
  /* Vertices of each column in their current order, and each vertex's place there. */
  GArray **columns;
  guint  *pos;
  double *y;          /* centre heights */
} Layout;

typedef struct { guint a, b; } Pair;

/* Columns by longest path, in a topological order that ignores the edges closing cycles. */
static void
assign_layers (LabGraph   *g,
               GHashTable *index_of,
               GArray     *edges,
               guint      *layer)
{
  GPtrArray *nodes = lab_graph_get_nodes (g);
  guint n = nodes->len, head = 0, tail = 0, next_forced = 0;
  g_autofree guint *indegree = g_new0 (guint, n);
  g_autofree guint *queue = g_new (guint, n);
  g_autofree guint *rank = g_new (guint, n);
  g_autofree gboolean *placed = g_new0 (gboolean, n);
  g_autofree guint *out_start = g_new0 (guint, n + 1);
  g_autofree guint *out = g_new (guint, MAX (edges->len, 1));

  for (guint e = 0; e < edges->len; e++)
    {
      Pair *p = &g_array_index (edges, Pair, e);

      indegree[p->b]++;
      out_start[p->a + 1]++;
    }
  for (guint v = 0; v < n; v++)
    out_start[v + 1] += out_start[v];
  {
    g_autofree guint *fill = g_memdup2 (out_start, sizeof (guint) * n);

    for (guint e = 0; e < edges->len; e++)
      {
        Pair *p = &g_array_index (edges, Pair, e);

        out[fill[p->a]++] = p->b;
      }
  }

  for (guint v = 0; v < n; v++)
    if (indegree[v] == 0)
      {
        queue[tail++] = v;
        placed[v] = TRUE;
      }
  for (guint k = 0; k < n; k++)
    {
      guint v;

      if (head == tail)
        {
          /* Only cycles are left: start again from the first node not placed. */
          while (placed[next_forced])
            next_forced++;
          queue[tail++] = next_forced;
          placed[next_forced] = TRUE;
        }
      v = queue[head++];
      rank[v] = k;
      for (guint i = out_start[v]; i < out_start[v + 1]; i++)
        if (--indegree[out[i]] == 0 && !placed[out[i]])
          {
            queue[tail++] = out[i];
            placed[out[i]] = TRUE;
          }
    }

  /* Edges against the topological order close cycles: drop them. */
  for (guint e = 0; e < edges->len;)
    {
      Pair *p = &g_array_index (edges, Pair, e);

      if (rank[p->a] >= rank[p->b])
        g_array_remove_index (edges, e);
      else
        e++;
    }
  memset (layer, 0, sizeof (guint) * n);
  for (guint k = 0; k < n; k++)
    {
      guint v = queue[k];
      LabNode *node = g_ptr_array_index (nodes, v);

      for (guint j = 0; j < node->inputs->len; j++)
        {
          gpointer u;

          if (g_hash_table_lookup_extended (index_of, GUINT_TO_POINTER (g_array_index (node->inputs, guint, j)),
                                            NULL, &u) &&
              rank[GPOINTER_TO_UINT (u)] < rank[v])
            layer[v] = MAX (layer[v], layer[GPOINTER_TO_UINT (u)] + 1);
        }
    }
}

/* CSR adjacency from (from → to) pairs over n vertices. */
static void
build_csr (GArray  *pairs,
           gboolean reverse,
           guint    n,
           guint  **start_out,
           guint  **adj_out)
{
  guint *start = g_new0 (guint, n + 1);
  guint *adj = g_new (guint, MAX (pairs->len, 1));
  g_autofree guint *fill = NULL;

  for (guint e = 0; e < pairs->len; e++)
    {
      Pair *p = &g_array_index (pairs, Pair, e);

      start[(reverse ? p->b : p->a) + 1]++;
    }
  for (guint v = 0; v < n; v++)
    start[v + 1] += start[v];
  fill = g_memdup2 (start, sizeof (guint) * (n + 1));
  /* Pairs are in creation order, so each vertex's neighbours are too: deterministic. */
  for (guint e = 0; e < pairs->len; e++)
    {
      Pair *p = &g_array_index (pairs, Pair, e);

      if (reverse)
        adj[fill[p->b]++] = p->a;
      else
        adj[fill[p->a]++] = p->b;
    }
  *start_out = start;
  *adj_out = adj;
}

/* Splits long edges with dummies and builds the per-column structures. */
static void
build (Layout *L,
       GArray *edges,
       guint  *real_layer)
{
  g_autoptr(GArray) layers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Pair));

  g_array_append_vals (layers, real_layer, L->n_real);
  for (guint e = 0; e < edges->len; e++)
    {
      Pair p = g_array_index (edges, Pair, e);
      guint prev = p.a;

      for (guint l = real_layer[p.a] + 1; l < real_layer[p.b]; l++)
        {
          guint dummy = layers->len;
          Pair seg = { prev, dummy };

          g_array_append_val (layers, l);
          g_array_append_val (segments, seg);
          prev = dummy;
        }
      {
        Pair seg = { prev, p.b };

        g_array_append_val (segments, seg);
      }
    }

  L->n = layers->len;
  L->layer = (guint *) g_array_free (g_steal_pointer (&layers), FALSE);
  L->pos = g_new (guint, L->n);
  L->y = g_new0 (double, L->n);
  L->n_layers = 0;
  for (guint v = 0; v < L->n; v++)
    L->n_layers = MAX (L->n_layers, L->layer[v] + 1);
  build_csr (segments, TRUE, L->n, &L->up_start, &L->up);
  build_csr (segments, FALSE, L->n, &L->down_start, &L->down);

  L->columns = g_new (GArray *, MAX (L->n_layers, 1));
  for (guint l = 0; l < L->n_layers; l++)
    L->columns[l] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint v = 0; v < L->n; v++)
    {
      L->pos[v] = L->columns[L->layer[v]]->len;
      g_array_append_val (L->columns[L->layer[v]], v);
    }
}

static void
layout_clear (Layout *L)
{
  for (guint l = 0; l < L->n_layers; l++)
    g_array_unref (L->columns[l]);
  g_free (L->columns);
  g_free (L->layer);
  g_free (L->up_start);
  g_free (L->up);
  g_free (L->down_start);
  g_free (L->down);
  g_free (L->pos);
  g_free (L->y);
}

/* Inversions of a[0..n) by merge sort; tmp holds n. */
static guint64
count_inversions (guint *a,
                  guint *tmp,
                  guint  n)
{
  guint64 count;
  guint mid = n / 2, i = 0, j, k = 0;

  if (n < 2)
    return 0;
  count = count_inversions (a, tmp, mid) + count_inversions (a + mid, tmp, n - mid);
  j = mid;
  while (i < mid && j < n)
    {
      if (a[j] < a[i])
        {
          count += mid - i;
          tmp[k++] = a[j++];
        }
      else
        tmp[k++] = a[i++];
    }
  while (i < mid)
    tmp[k++] = a[i++];
  while (j < n)
    tmp[k++] = a[j++];
  memcpy (a, tmp, n * sizeof (guint));
  return count;
}

/* Crossings between every pair of neighbouring columns: walking column l in order and listing the
 * places of each vertex's down-neighbours (sorted), an inversion is a crossing. */
static guint64
count_crossings (Layout *L)
{
  g_autoptr(GArray) seq = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) tmp = g_array_new (FALSE, FALSE, sizeof (guint));
  guint64 total = 0;

  for (guint l = 0; l + 1 < L->n_layers; l++)
    {
      GArray *col = L->columns[l];

      g_array_set_size (seq, 0);
      for (guint i = 0; i < col->len; i++)
        {
          guint v = g_array_index (col, guint, i), first = seq->len;

          for (guint k = L->down_start[v]; k < L->down_start[v + 1]; k++)
            g_array_append_val (seq, L->pos[L->down[k]]);
          /* Edges from one vertex never cross each other: sort them, which counting does. */
          g_array_set_size (tmp, seq->len - first);
          count_inversions (&g_array_index (seq, guint, first), (guint *) tmp->data,
                            seq->len - first);
        }
      g_array_set_size (tmp, seq->len);
      total += count_inversions ((guint *) seq->data, (guint *) tmp->data, seq->len);
    }
  return total;
}

typedef struct
{
  double key;
  guint  pos;
  guint  v;
} SortItem;

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const SortItem *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Reorders column l by the mean place of each vertex's neighbours in the column next to it. */
static void
barycenter (Layout *L,
            guint   l,
            gboolean use_up)
{
  GArray *col = L->columns[l];
  g_autofree SortItem *items = g_new (SortItem, MAX (col->len, 1));
  const guint *start = use_up ? L->up_start : L->down_start;
  const guint *adj = use_up ? L->up : L->down;

  for (guint i = 0; i < col->len; i++)
    {
      guint v = g_array_index (col, guint, i);
      double sum = 0;

      for (guint k = start[v]; k < start[v + 1]; k++)
        sum += L->pos[adj[k]];
      items[i].key = start[v + 1] > start[v] ? sum / (start[v + 1] - start[v]) : i;
      items[i].pos = i;
      items[i].v = v;
    }
  qsort (items, col->len, sizeof (SortItem), compare_items);
  for (guint i = 0; i < col->len; i++)
    {
      g_array_index (col, guint, i) = items[i].v;
      L->pos[items[i].v] = i;
    }
}

static void
order_columns (Layout *L)
{
  g_autofree guint *best = g_memdup2 (L->pos, sizeof (guint) * MAX (L->n, 1));
  guint64 best_crossings = count_crossings (L);

  for (guint sweep = 0; sweep < N_SWEEPS && best_crossings > 0; sweep++)
    {
      guint64 crossings;

      if (sweep % 2 == 0)
        for (guint l = 1; l < L->n_layers; l++)
          barycenter (L, l, TRUE);
      else
        for (guint l = L->n_layers - 1; l-- > 0;)
          barycenter (L, l, FALSE);
      crossings = count_crossings (L);
      if (crossings < best_crossings)
        {
          best_crossings = crossings;
          memcpy (best, L->pos, sizeof (guint) * L->n);
        }
    }
  memcpy (L->pos, best, sizeof (guint) * L->n);
  for (guint v = 0; v < L->n; v++)
    g_array_index (L->columns[L->layer[v]], guint, L->pos[v]) = v;
}

/* Places column l as close to the wished centre heights as the spacing allows, minimising
 * Σ (y − wish)²: with y_i = z_i + i·spacing that is an isotonic regression of wish − i·spacing. */
static void
place_column (Layout       *L,
              guint         l,
              const double *wish)
{
  GArray *col = L->columns[l];
  guint m = col->len, n_blocks = 0, i = 0;
  g_autofree double *sum = g_new (double, MAX (m, 1));
  g_autofree guint *count = g_new (guint, MAX (m, 1));

  /* Pool adjacent violators: blocks of vertices that share one z, their means increasing. */
  for (guint k = 0; k < m; k++)
    {
      sum[n_blocks] = wish[g_array_index (col, guint, k)] - k * L->spacing;
      count[n_blocks] = 1;
      n_blocks++;
      while (n_blocks > 1 &&
             sum[n_blocks - 2] / count[n_blocks - 2] > sum[n_blocks - 1] / count[n_blocks - 1])
        {
          sum[n_blocks - 2] += sum[n_blocks - 1];
          count[n_blocks - 2] += count[n_blocks - 1];
          n_blocks--;
        }
    }
  for (guint b = 0; b < n_blocks; b++)
    {
      /* Rounding is monotonic, so the spacing still holds, and whole units look crisp. */
      double z = round (sum[b] / count[b]);

      for (guint c = 0; c < count[b]; c++, i++)
        L->y[g_array_index (col, guint, i)] = z + i * L->spacing;
    }
}

static void
assign_heights (Layout *L)
{
  g_autofree double *wish = g_new (double, MAX (L->n, 1));

  for (guint l = 0; l < L->n_layers; l++)
    {
      for (guint v = 0; v < L->n; v++)
        wish[v] = 0;
      place_column (L, l, wish);
    }
  for (guint pass = 0; pass < N_HEIGHT_PASSES; pass++)
    {
      /* Down, up, …, and a last pass that listens to both sides. */
      gboolean last = pass == N_HEIGHT_PASSES - 1;
      gboolean down = pass % 2 == 0;

      for (guint k = 0; k < L->n_layers; k++)
        {
          guint l = down || last ? k : L->n_layers - 1 - k;
          GArray *col = L->columns[l];

          for (guint i = 0; i < col->len; i++)
            {
              guint v = g_array_index (col, guint, i);
              double sum = 0;
              guint w = 0;

              if (down || last)
                for (guint e = L->up_start[v]; e < L->up_start[v + 1]; e++)
                  {
                    sum += L->y[L->up[e]];
                    w++;
                  }
              if (!down || last)
                for (guint e = L->down_start[v]; e < L->down_start[v + 1]; e++)
                  {
                    sum += L->y[L->down[e]];
                    w++;
                  }
              wish[v] = w > 0 ? sum / w : L->y[v];
            }
          place_column (L, l, wish);
        }
    }
}

void
lab_layout_layered (LabGraph           *g,
                    double              node_w,
                    double              node_h,
                    double              gap_x,
                    double              gap_y,
                    LabLayoutPosition **positions,
                    guint              *n)
{
  g_autoptr(GHashTable) index_of = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_autofree guint *real_layer = NULL;
  Layout L = { 0 };
  GPtrArray *nodes;
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, top = G_MAXDOUBLE;
  LabLayoutPosition *out;

  g_return_if_fail (LAB_IS_GRAPH (g));
  g_return_if_fail (positions != NULL && n != NULL);

  nodes = lab_graph_get_nodes (g);
  *n = nodes->len;
  *positions = out = g_new0 (LabLayoutPosition, MAX (nodes->len, 1));
  if (nodes->len == 0)
    return;

  for (guint v = 0; v < nodes->len; v++)
    {
      LabNode *node = g_ptr_array_index (nodes, v);

      g_hash_table_insert (index_of, GUINT_TO_POINTER (node->id), GUINT_TO_POINTER (v));
      min_x = MIN (min_x, node->x);
      min_y = MIN (min_y, node->y);
    }
  for (guint v = 0; v < nodes->len; v++)
    {
      LabNode *node = g_ptr_array_index (nodes, v);

      for (guint j = 0; j < node->inputs->len; j++)
        {
          gpointer u;

          if (g_hash_table_lookup_extended (index_of, GUINT_TO_POINTER (g_array_index (node->inputs, guint, j)),
                                            NULL, &u))
            {
              Pair p = { GPOINTER_TO_UINT (u), v };

              g_array_append_val (edges, p);
            }
        }
    }

  real_layer = g_new (guint, nodes->len);
  assign_layers (g, index_of, edges, real_layer);
  L.n_real = nodes->len;
  L.spacing = node_h + gap_y;
  build (&L, edges, real_layer);
  order_columns (&L);
  assign_heights (&L);

  for (guint v = 0; v < L.n_real; v++)
    top = MIN (top, L.y[v] - node_h / 2);
  for (guint v = 0; v < L.n_real; v++)
    {
      out[v].id = ((LabNode *) g_ptr_array_index (nodes, v))->id;
      out[v].x = min_x + L.layer[v] * (node_w + gap_x);
      out[v].y = min_y + (L.y[v] - node_h / 2 - top);
    }
  layout_clear (&L);
}
