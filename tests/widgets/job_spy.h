#pragma once
// The job a click started. JobRunner::start emits started(job) at once and the
// work begins on the next turn of the event loop, so a QSignalSpy made on the
// job right after the click misses none of its reports.
#include "job.h"
#include "job_runner.h"

#include <QSignalSpy>

inline btsf::gui::Job* last_started(const QSignalSpy& started)
{
    return started.isEmpty() ? nullptr : started.last().first().value<btsf::gui::Job*>();
}
