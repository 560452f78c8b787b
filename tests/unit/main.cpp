#define BOOST_TEST_MODULE fcgi_app_unit_tests
#include <boost/test/unit_test.hpp>
