/* lab-start-page.h: what the window shows when no project is open
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cards for every template and example (win.new-template), the recent projects
 * (win.open-recent), an Open button (win.open), and unsaved work from a session that ended
 * without saving (win.recover, win.discard-recovery).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LAB_TYPE_START_PAGE (lab_start_page_get_type ())
G_DECLARE_FINAL_TYPE (LabStartPage, lab_start_page, LAB, START_PAGE, GtkWidget)

GtkWidget *lab_start_page_new     (void);
/* Re-reads recent projects and recovery files. */
void       lab_start_page_refresh (LabStartPage *self);

G_END_DECLS
