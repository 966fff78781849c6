/* lab-inside-probe.c: what the Inside page asks the training worker to compute
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here runs on the worker that owns the network, between two batches, and returns
 * copies that the page takes on the main thread. No GTK call.
 */
#define G_LOG_DOMAIN "lab-inside"

#include "lab-inside-probe.h"

#define HISTOGRAM_BINS 32
#define DEAD_SAMPLES   128   /* a batch's worth: enough to call a unit dead, cheap for a CNN */
#define DECISION_GRID  96

void
lab_inside_probe_result_free (LabInsideProbeResult *r)
{
  lab_activations_free (r->acts);
  lab_filter_set_free (r->filters);
  lab_param_histograms_free (r->hists);
  lab_dead_report_free (r->dead);
  lab_decision_grid_free (r->grid);
  g_free (r);
}

gpointer
lab_inside_probe_worker (LabTrainer *trainer,
                         gpointer    user_data)
{
  LabInsideProbeJob *job = user_data;
  LabInsideProbeResult *r;
  LabNetwork *net;
  LabDataset *train;

  if (trainer == NULL || (net = lab_trainer_get_network (trainer)) == NULL)
    return NULL;
  train = lab_trainer_get_train (trainer);
  r = g_new0 (LabInsideProbeResult, 1);
  if ((job->flags & PROBE_ACTIVATIONS) && job->x != NULL && job->x_dim == net->in_size)
    r->acts = lab_inspect_activations (net, job->x);
  if (job->flags & PROBE_FILTERS)
    r->filters = lab_filter_set_from_network (net);
  if (job->flags & PROBE_HEALTH)
    {
      r->hists = lab_inspect_histograms (net, HISTOGRAM_BINS);
      if (train != NULL && train->x_dim == net->in_size)
        r->dead = lab_inspect_dead_relus (net, train->x, MIN (train->n, DEAD_SAMPLES));
    }
  if ((job->flags & PROBE_DECISION) && train != NULL && net->in_size == 2)
    r->grid = lab_inspect_decision_grid (net, train, DECISION_GRID, NULL);
  return r;
}
