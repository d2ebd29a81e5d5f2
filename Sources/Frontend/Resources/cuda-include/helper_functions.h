/* kport's declaration-only stand-in for the CUDA samples header "helper_functions.h"
 * (Common/helper_functions.h: includes the string, timer and image helpers). Written for kport
 * from the samples' public interface; no NVIDIA code is copied. Like the samples' version it pulls
 * in the C and C++ standard headers those helpers use; programs that include it rely on that. */
#ifndef __KPORT_HELPER_FUNCTIONS_H__
#define __KPORT_HELPER_FUNCTIONS_H__
#define COMMON_HELPER_FUNCTIONS_H_

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <algorithm>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "helper_string.h"
#include "helper_timer.h"
#include "helper_image.h"

#endif /* __KPORT_HELPER_FUNCTIONS_H__ */
