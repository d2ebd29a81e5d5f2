// SwiftPM needs one source file in a C target; libclang itself is linked as clang-19.
