// libclang's C API (Debian libclang-19-dev). include/clang-c is a symlink to
// /usr/lib/llvm-19/include/clang-c; the README's set-up command installs the package.
#include "clang-c/Index.h"
#include "clang-c/CXCompilationDatabase.h"
