# One INTERFACE target carries the flags every project target shares.
add_library(btsf_flags INTERFACE)
target_compile_features(btsf_flags INTERFACE cxx_std_17)
# Qt's `slots`/`signals` macros clash with torch headers; spell them Q_SLOTS etc.
target_compile_definitions(btsf_flags INTERFACE QT_NO_KEYWORDS BTSF_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(btsf_flags INTERFACE -Wall -Wextra -Wno-unused-parameter)
endif()

# Debian's hardening flags (dpkg-buildflags): fortified libc calls where the compiler
# optimises, stack protector, read-only relocations bound at load. Not with the sanitizers,
# which replace the same libc calls.
option(BTSF_HARDENING "Build with Debian's hardening flags" ON)
if(BTSF_HARDENING AND NOT BTSF_FUZZ AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_definitions(btsf_flags INTERFACE $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
  target_compile_options(btsf_flags INTERFACE -fstack-protector-strong -Wformat -Werror=format-security)
  target_link_options(btsf_flags INTERFACE -Wl,-z,relro -Wl,-z,now)
endif()

# ccache halves rebuild times of the torch-heavy translation units when present.
find_program(BTSF_CCACHE ccache)
if(BTSF_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${BTSF_CCACHE})
endif()
