# One INTERFACE target carries the flags every project target shares.
add_library(btsf_flags INTERFACE)
target_compile_features(btsf_flags INTERFACE cxx_std_17)
# Qt's `slots`/`signals` macros clash with torch headers; spell them Q_SLOTS etc.
target_compile_definitions(btsf_flags INTERFACE QT_NO_KEYWORDS BTSF_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(btsf_flags INTERFACE -Wall -Wextra -Wno-unused-parameter)
endif()

# ccache halves rebuild times of the torch-heavy translation units when present.
find_program(BTSF_CCACHE ccache)
if(BTSF_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${BTSF_CCACHE})
endif()
