# Finds GMime 3 (Debian: libgmime-3.0-dev, which ships a pkg-config file and no CMake config) as GMime::GMime.
# GMime's headers pull in GLib's; they carry their own include directories and compile flags with the target.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
    pkg_check_modules(PC_GMIME QUIET IMPORTED_TARGET gmime-3.0)
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(GMime
    REQUIRED_VARS PC_GMIME_LINK_LIBRARIES PC_GMIME_INCLUDE_DIRS
    VERSION_VAR PC_GMIME_VERSION)
if(GMime_FOUND AND NOT TARGET GMime::GMime)
    add_library(GMime::GMime INTERFACE IMPORTED)
    target_link_libraries(GMime::GMime INTERFACE PkgConfig::PC_GMIME)
endif()
