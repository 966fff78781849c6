/* tsan-glib.h: let ThreadSanitizer see GLib's locks (include in ONE test file only)
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Debian's GLib is not built with -fsanitize=thread, and on Linux GMutex and GCond are futexes,
 * not pthread mutexes, so TSan sees none of their ordering and reports every hand-over made
 * under a GMutex as a race. Defining these functions in the test program interposes them for
 * every caller outside libglib itself (our code, the core, and GIO, which calls GLib through its
 * PLT): each forwards to GLib and tells TSan about the acquire and release. The reference
 * counts are done with compiler atomics, which TSan understands.
 *
 * What GLib does inside itself stays invisible, notably how a GTask comes back: the pool thread
 * creates, names and attaches an idle source to the main context under the context's private
 * lock, and the main thread dispatches and frees it (and the task). So g_source_attach releases
 * a token and g_task_propagate_*, which the task's callback calls on the main thread before
 * GLib frees anything, acquires it.
 *
 * Only compiled under -fsanitize=thread (GCC defines __SANITIZE_THREAD__).
 */
#pragma once

#if defined(__SANITIZE_THREAD__)

#include <dlfcn.h>
#include <gio/gio.h>
#include <sanitizer/tsan_interface.h>

typedef void     (*TsanMutexFunc)    (GMutex *);
typedef gboolean (*TsanTrylockFunc)  (GMutex *);
typedef void     (*TsanWaitFunc)     (GCond *, GMutex *);
typedef gboolean (*TsanWaitUntilFunc) (GCond *, GMutex *, gint64);
typedef void     (*TsanRecMutexFunc) (GRecMutex *);

/* GLib's own function: looked up once; atomics, as several threads may get here first. */
#define TSAN_REAL(name, type) \
  static type real_ptr = NULL; \
  type real = __atomic_load_n (&real_ptr, __ATOMIC_ACQUIRE); \
  if (G_UNLIKELY (real == NULL)) \
    { \
      real = (type) dlsym (RTLD_NEXT, name); \
      __atomic_store_n (&real_ptr, real, __ATOMIC_RELEASE); \
    }

void
g_mutex_lock (GMutex *mutex)
{
  TSAN_REAL ("g_mutex_lock", TsanMutexFunc);
  real (mutex);
  __tsan_acquire (mutex);
}

void
g_mutex_unlock (GMutex *mutex)
{
  TSAN_REAL ("g_mutex_unlock", TsanMutexFunc);
  __tsan_release (mutex);
  real (mutex);
}

gboolean
g_mutex_trylock (GMutex *mutex)
{
  TSAN_REAL ("g_mutex_trylock", TsanTrylockFunc);
  if (!real (mutex))
    return FALSE;
  __tsan_acquire (mutex);
  return TRUE;
}

void
g_cond_wait (GCond  *cond,
             GMutex *mutex)
{
  TSAN_REAL ("g_cond_wait", TsanWaitFunc);
  __tsan_release (mutex);
  real (cond, mutex);
  __tsan_acquire (mutex);
}

gboolean
g_cond_wait_until (GCond  *cond,
                   GMutex *mutex,
                   gint64  end_time)
{
  gboolean signalled;

  TSAN_REAL ("g_cond_wait_until", TsanWaitUntilFunc);
  __tsan_release (mutex);
  signalled = real (cond, mutex, end_time);
  __tsan_acquire (mutex);
  return signalled;
}

void
g_rec_mutex_lock (GRecMutex *mutex)
{
  TSAN_REAL ("g_rec_mutex_lock", TsanRecMutexFunc);
  real (mutex);
  __tsan_acquire (mutex);
}

void
g_rec_mutex_unlock (GRecMutex *mutex)
{
  TSAN_REAL ("g_rec_mutex_unlock", TsanRecMutexFunc);
  __tsan_release (mutex);
  real (mutex);
}

static int tsan_source_token;

typedef guint    (*TsanAttachFunc)   (GSource *, GMainContext *);

guint
g_source_attach (GSource      *source,
                 GMainContext *context)
{
  TSAN_REAL ("g_source_attach", TsanAttachFunc);
  __tsan_release (&tsan_source_token);
  return real (source, context);
}

typedef gboolean (*TsanPropagateBooleanFunc) (GTask *, GError **);
typedef gpointer (*TsanPropagatePointerFunc) (GTask *, GError **);

gboolean
g_task_propagate_boolean (GTask   *task,
                          GError **error)
{
  TSAN_REAL ("g_task_propagate_boolean", TsanPropagateBooleanFunc);
  __tsan_acquire (&tsan_source_token);
  return real (task, error);
}

gpointer
g_task_propagate_pointer (GTask   *task,
                          GError **error)
{
  TSAN_REAL ("g_task_propagate_pointer", TsanPropagatePointerFunc);
  __tsan_acquire (&tsan_source_token);
  return real (task, error);
}

void
g_atomic_ref_count_init (gatomicrefcount *arc)
{
  __atomic_store_n (arc, 1, __ATOMIC_RELEASE);
}

void
g_atomic_ref_count_inc (gatomicrefcount *arc)
{
  __atomic_fetch_add (arc, 1, __ATOMIC_RELAXED);
}

gboolean
g_atomic_ref_count_dec (gatomicrefcount *arc)
{
  return __atomic_sub_fetch (arc, 1, __ATOMIC_ACQ_REL) == 0;
}

#undef TSAN_REAL

#endif /* __SANITIZE_THREAD__ */
