# threadline_harden(target): the house warnings, -Werror in CI, sanitizers when asked for.
function(threadline_harden target)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual
        $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local> $<$<CXX_COMPILER_ID:Clang>:-Wshadow-uncaptured-local>)
    target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING QT_NO_CAST_FROM_BYTEARRAY
        $<$<NOT:$<CONFIG:Debug>>:QT_NO_DEBUG_OUTPUT>)
    if(THREADLINE_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

if(ENABLE_SANITIZERS)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

option(THREADLINE_FUZZ "Build fuzz targets with libFuzzer and instrument every library for it (needs clang)" OFF)
if(THREADLINE_FUZZ)
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
endif()
