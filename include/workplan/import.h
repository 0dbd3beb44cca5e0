/*
 * Reading returned tracking workbooks back as progress updates.
 * (The API is defined by the import module; see src/import/.)
 */
#ifndef WORKPLAN_IMPORT_H
#define WORKPLAN_IMPORT_H

#include "error.h"
#include "model.h"

#endif
