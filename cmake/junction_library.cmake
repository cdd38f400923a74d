# junction_library(NAME DEPS <targets...> [TEST_DEPS <targets...>] [SUBDIRS <folders...>])
#
# Declares the library for one folder of src/: every x.cc in the folder (tests excluded) is compiled
# into junction_<NAME>, which links exactly DEPS (the layers it may use) publicly. Every x_test.cc in
# the folder becomes part of the test binary <NAME>_test, registered with CTest. A folder with no
# sources yet is an INTERFACE target so the layer graph stays complete.
#
# SUBDIRS names subfolders that belong to the same layer (e.g. graphql's `validation`, one file per
# rule): their x.cc and x_test.cc files are globbed into the same library and test binary.
function(junction_library name)
  cmake_parse_arguments(ARG "" "" "DEPS;TEST_DEPS;SUBDIRS" ${ARGN})
  set(folders ${CMAKE_CURRENT_SOURCE_DIR})
  foreach(subdir ${ARG_SUBDIRS})
    list(APPEND folders ${CMAKE_CURRENT_SOURCE_DIR}/${subdir})
  endforeach()
  set(sources)
  set(tests)
  foreach(folder ${folders})
    file(GLOB folder_sources CONFIGURE_DEPENDS ${folder}/*.cc)
    file(GLOB folder_tests CONFIGURE_DEPENDS ${folder}/*_test.cc)
    list(APPEND sources ${folder_sources})
    list(APPEND tests ${folder_tests})
  endforeach()
  list(REMOVE_ITEM sources ${tests} ${CMAKE_CURRENT_SOURCE_DIR}/main.cc)
  set(target junction_${name})
  if(sources)
    add_library(${target} STATIC ${sources})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${target} PUBLIC ${ARG_DEPS})
  else()
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${target} INTERFACE ${ARG_DEPS})
  endif()
  if(tests AND NOT JUNCTION_FUZZ)
    add_executable(${name}_test ${tests})
    target_link_libraries(${name}_test PRIVATE ${target} ${ARG_TEST_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
    target_compile_definitions(${name}_test PRIVATE
      JUNCTION_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
      JUNCTION_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
    gtest_discover_tests(${name}_test DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit)
  endif()
endfunction()
