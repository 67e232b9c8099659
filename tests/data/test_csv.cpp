#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "data/csv.h"

namespace {

using tl::CsvLimits;
using tl::Dataset;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// Parses text that must fail and returns the message.
std::string csv_error(const std::string& text, const CsvLimits& limits = {}) {
  auto r = tl::parse_csv(text, "csv", limits);
  REQUIRE_FALSE(r.ok());
  INFO(r.error());
  CHECK(r.error().rfind("csv: ", 0) == 0);
  return r.error();
}

Dataset csv_ok(const std::string& text) {
  auto r = tl::parse_csv(text);
  INFO((r.ok() ? std::string() : r.error()));
  REQUIRE(r.ok());
  return r.value();
}

std::string attr_error(const std::string& text, const std::vector<std::string>& expected = {}) {
  auto r = tl::parse_attribute_table(text, expected);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().rfind("attributes: ", 0) == 0);
  return r.error();
}

std::string temp_path(const char* name) {
  return std::string(P_tmpdir) + "/tl_test_csv_" + name;
}

}  // namespace

TEST_SUITE("data/csv") {
  // --- Good inputs ------------------------------------------------------------------------------

  TEST_CASE("a file with a header yields features, labels and feature names") {
    const Dataset ds = csv_ok("x1,x2,label\n1.5,2,0\n-3,4e1,1\n0,.25,2\n");
    REQUIRE(ds.dim() == 2);
    REQUIRE(ds.size() == 3);
    CHECK(ds.X(0, 0) == doctest::Approx(1.5));
    CHECK(ds.X(1, 1) == doctest::Approx(40.0));
    CHECK(ds.X(1, 2) == doctest::Approx(0.25));
    CHECK(ds.y == std::vector<int>{0, 1, 2});
    CHECK(ds.num_classes == 3);
    CHECK(ds.feature_names == std::vector<std::string>{"x1", "x2"});
    CHECK(ds.class_names.empty());
    CHECK_FALSE(ds.has_domains());
  }

  TEST_CASE("a file without a header uses the last column as the label") {
    const Dataset ds = csv_ok("1,2,1\n3,4,0\n");
    CHECK(ds.dim() == 2);
    CHECK(ds.y == std::vector<int>{1, 0});
    CHECK(ds.num_classes == 2);
    CHECK(ds.feature_names.empty());
    CHECK(ds.X(0, 1) == 3);
  }

  TEST_CASE("a label column in the middle is found by name, case-insensitively") {
    const Dataset ds = csv_ok("a,Label,b\n1,1,2\n3,0,4\n");
    CHECK(ds.dim() == 2);
    CHECK(ds.feature_names == std::vector<std::string>{"a", "b"});
    CHECK(ds.y == std::vector<int>{1, 0});
    CHECK(ds.X(1, 0) == 2);
    CHECK(ds.X(1, 1) == 4);
  }

  TEST_CASE("columns named class, target or y are label columns too") {
    CHECK(csv_ok("class,a\n1,5\n0,6\n").y == std::vector<int>{1, 0});
    CHECK(csv_ok("target,a\n1,5\n0,6\n").y == std::vector<int>{1, 0});
    CHECK(csv_ok("y,a\n1,5\n0,6\n").y == std::vector<int>{1, 0});
  }

  TEST_CASE("a header without a label column takes the last column as the label") {
    const Dataset ds = csv_ok("a,b,c\n1,2,0\n3,4,1\n");
    CHECK(ds.feature_names == std::vector<std::string>{"a", "b"});
    CHECK(ds.y == std::vector<int>{0, 1});
  }

  TEST_CASE("semicolon and tab delimiters are detected") {
    const Dataset semi = csv_ok("a;b;label\n1.5;2;0\n3;4;1\n");
    CHECK(semi.dim() == 2);
    CHECK(semi.X(0, 0) == doctest::Approx(1.5));
    const Dataset tab = csv_ok("a\tb\tlabel\n1\t2\t0\n3\t 4 \t1\n");
    CHECK(tab.dim() == 2);
    CHECK(tab.X(1, 1) == 4);
    CHECK(tab.y == std::vector<int>{0, 1});
  }

  TEST_CASE("CRLF and lone CR line endings, a BOM and blank lines are accepted") {
    const Dataset crlf = csv_ok("\xEF\xBB\xBFx,label\r\n1,0\r\n\r\n2,1\r\n\r\n\r\n");
    CHECK(crlf.size() == 2);
    CHECK(crlf.feature_names == std::vector<std::string>{"x"});
    const Dataset cr = csv_ok("x,label\r1,0\r2,1\r");
    CHECK(cr.size() == 2);
    CHECK(cr.X(0, 1) == 2);
  }

  TEST_CASE("whitespace around numbers is trimmed and number syntax variants are accepted") {
    const Dataset ds = csv_ok("a,b,c,label\n  1e-3 , -.5,+2 ,0\n1.,0.0,-0,1\n");
    CHECK(ds.X(0, 0) == doctest::Approx(1e-3));
    CHECK(ds.X(1, 0) == doctest::Approx(-0.5));
    CHECK(ds.X(2, 0) == doctest::Approx(2.0));
    CHECK(ds.X(0, 1) == doctest::Approx(1.0));
  }

  TEST_CASE("quoted cells may hold delimiters, doubled quotes and line breaks") {
    const Dataset ds =
        csv_ok("\"a,1\",\"b \"\"q\"\"\",label\n\"1\",2,\"cat, big\"\n3,4,\"dog\nx\"\n");
    CHECK(ds.feature_names == std::vector<std::string>{"a,1", "b \"q\""});
    CHECK(ds.class_names == std::vector<std::string>{"cat, big", "dog\nx"});
    CHECK(ds.X(0, 0) == 1);
  }

  TEST_CASE("string labels are numbered in order of first appearance") {
    const Dataset ds = csv_ok("x,label\n1,dog\n2,cat\n3,dog\n4,\n5,1\n");
    CHECK(ds.class_names == std::vector<std::string>{"dog", "cat", "1"});
    CHECK(ds.y == std::vector<int>{0, 1, 0, tl::kUnlabelled, 2});
    CHECK(ds.num_classes == 3);
  }

  TEST_CASE("a file without a header may have string labels") {
    const Dataset ds = csv_ok("5.1,3.5,setosa\n6.2,2.9,versicolor\n");
    CHECK(ds.dim() == 2);
    CHECK(ds.feature_names.empty());
    CHECK(ds.class_names == std::vector<std::string>{"setosa", "versicolor"});
  }

  TEST_CASE("a domain column holds source and target ids") {
    const Dataset ds = csv_ok("x,domain,label\n1,0,1\n2,1,\n3,1,0\n");
    CHECK(ds.dim() == 1);
    CHECK(ds.domain == std::vector<int>{0, 1, 1});
    CHECK(ds.y == std::vector<int>{1, tl::kUnlabelled, 0});
    CHECK(ds.num_classes == 2);
  }

  TEST_CASE("without a label column the last non-domain column is the label") {
    const Dataset ds = csv_ok("a,b,domain\n1,2,0\n3,4,1\n");
    CHECK(ds.feature_names == std::vector<std::string>{"a"});
    CHECK(ds.y == std::vector<int>{2, 4});
    CHECK(ds.domain == std::vector<int>{0, 1});
  }

  TEST_CASE("unlabelled rows have an empty label cell and integral labels like 2.0 are accepted") {
    const Dataset ds = csv_ok("x,label\n1,\n2,2.0\n3, \n");
    CHECK(ds.y == std::vector<int>{tl::kUnlabelled, 2, tl::kUnlabelled});
    CHECK(ds.num_classes == 3);
    const Dataset none = csv_ok("x,label\n1,\n2,\n");
    CHECK(none.num_classes == 0);
  }

  TEST_CASE("write_csv output parses back to the same data set") {
    Dataset ds;
    ds.X.resize(2, 4);
    ds.X << 0.1f, -2.5f, 1e-7f, 3.14159274f, 123456.789f, 0.0f, -0.0f, 7.0f;
    ds.y = {0, 1, tl::kUnlabelled, 1};
    ds.domain = {0, 0, 1, 1};
    ds.num_classes = 2;
    ds.feature_names = {"width, cm", "height"};
    ds.class_names = {"cat", "dog"};
    const std::string text = tl::write_csv(ds);
    CHECK(contains(text, "label,domain"));
    const Dataset back = csv_ok(text);
    CHECK(back.X == ds.X);
    CHECK(back.y == ds.y);
    CHECK(back.domain == ds.domain);
    CHECK(back.num_classes == 2);
    CHECK(back.feature_names == ds.feature_names);
    CHECK(back.class_names == ds.class_names);
  }

  TEST_CASE("write_csv falls back to x0.. and integer labels when names would not round-trip") {
    Dataset ds;
    ds.X.resize(2, 2);
    ds.X << 1, 2, 3, 4;
    ds.y = {1, 0};  // class 1 appears first: names would be renumbered
    ds.num_classes = 2;
    ds.feature_names = {"label", "b"};
    ds.class_names = {"cat", "dog"};
    const std::string text = tl::write_csv(ds);
    CHECK(text.rfind("x0,x1,label\n", 0) == 0);
    const Dataset back = csv_ok(text);
    CHECK(back.X == ds.X);
    CHECK(back.y == ds.y);
    CHECK(back.class_names.empty());
  }

  TEST_CASE("load_csv reads a file from disk") {
    const std::string path = temp_path("good.csv");
    {
      std::ofstream f(path, std::ios::binary);
      f << "x,label\n1,0\n2,1\n";
    }
    auto r = tl::load_csv(path);
    REQUIRE(r.ok());
    CHECK(r.value().size() == 2);
    std::remove(path.c_str());
  }

  // --- Malformed inputs -------------------------------------------------------------------------

  TEST_CASE("an empty file is an error") {
    CHECK(contains(csv_error(""), "empty"));
    CHECK(contains(csv_error("\n\r\n  \n"), "empty"));
    CHECK(contains(csv_error("\xEF\xBB\xBF"), "empty"));
  }

  TEST_CASE("a header without data rows is an error") {
    CHECK(contains(csv_error("x,y,label\n"), "header only"));
    CHECK(contains(csv_error("x,y,label\n\n\n"), "no data rows"));
  }

  TEST_CASE("a ragged row names the row and both column counts") {
    const std::string e = csv_error("a,b,label\n1,2,0\n\n3,4,1\n5,6\n");
    CHECK(contains(e, "csv: row 5: expected 3 columns, got 2"));
    CHECK(contains(csv_error("1,2,0\n3,4,1,9\n"), "row 2: expected 3 columns, got 4"));
  }

  TEST_CASE("a non-numeric feature cell names row, column and header") {
    const std::string e = csv_error("a,b,label\n1,2,0\n3,abc,1\n");
    CHECK(contains(e, "row 3, column 2 ('b')"));
    CHECK(contains(e, "'abc' is not a number"));
  }

  TEST_CASE("number junk is rejected") {
    for (const char* junk : {"1.2.3", "1e", "--1", "0x10", "1e+", ".", "+", "1 2", "e5", "1,5"}) {
      INFO(junk);
      const std::string e = csv_error(std::string("a;label\n1;0\n") + junk + ";1\n");
      CHECK(contains(e, "row 3, column 1 ('a')"));
      CHECK(contains(e, "not a number"));
    }
    CHECK(contains(csv_error("a;label\n1;0\n1,5;1\n"), "use '.' as the decimal point"));
  }

  TEST_CASE("NaN in a feature cell is an error naming the position") {
    const std::string e = csv_error("a,b,label\n1,2,0\n3,NaN,1\n");
    CHECK(contains(e, "row 3, column 2"));
    CHECK(contains(e, "not a finite number"));
    CHECK(contains(csv_error("1,nan,0\n1,2,0\n"), "row 1, column 2"));
  }

  TEST_CASE("Inf and out-of-range values in a feature cell are errors") {
    CHECK(contains(csv_error("a,label\n-inf,0\n"), "row 2, column 1"));
    CHECK(contains(csv_error("a,label\nInfinity,0\n"), "not a finite number"));
    const std::string e = csv_error("a,label\n1,0\n1e999,1\n");
    CHECK(contains(e, "row 3, column 1"));
    CHECK(contains(e, "out of range"));
  }

  TEST_CASE("an empty feature cell is an error") {
    const std::string e = csv_error("a,b,label\n1,2,0\n3,,1\n");
    CHECK(contains(e, "row 3, column 2 ('b')"));
    CHECK(contains(e, "empty"));
  }

  TEST_CASE("a negative label is an error") {
    const std::string e = csv_error("a,label\n1,0\n2,-1\n");
    CHECK(contains(e, "row 3, column 2 ('label')"));
    CHECK(contains(e, "negative label"));
  }

  TEST_CASE("a fractional label is an error") {
    const std::string e = csv_error("a,label\n1,0\n2,1\n3,1.5\n");
    CHECK(contains(e, "row 4, column 2"));
    CHECK(contains(e, "fractional label"));
  }

  TEST_CASE("a huge or non-finite label is an error") {
    CHECK(contains(csv_error("a,label\n1,2000000000\n"), "over the limit"));
    CHECK(contains(csv_error("a,label\n1,0\n2,nan\n"), "row 3, column 2"));
  }

  TEST_CASE("a domain value other than 0 or 1 is an error") {
    CHECK(contains(csv_error("x,domain,label\n1,0,0\n2,2,1\n"), "row 3, column 2 ('domain')"));
    CHECK(contains(csv_error("x,domain,label\n1,src,0\n"), "domain must be 0 (source) or 1"));
    CHECK(contains(csv_error("x,domain,label\n1,,0\n"), "row 2, column 2"));
  }

  TEST_CASE("duplicate header names name both columns") {
    const std::string e = csv_error("a,b,a,label\n1,2,3,0\n");
    CHECK(contains(e, "duplicate column name 'a'"));
    CHECK(contains(e, "columns 1 and 3"));
    CHECK(contains(csv_error("label,x,LABEL\n1,2,0\n"), "columns 1 and 3"));
  }

  TEST_CASE("binary garbage is rejected with its byte offset and row") {
    const std::string e = csv_error(std::string("a,label\n1,0\n2\x01\x02,1\n"));
    CHECK(contains(e, "binary data"));
    CHECK(contains(e, "byte offset 13"));
    CHECK(contains(e, "row 3"));
    CHECK(contains(csv_error(std::string("a,label\n1\0,0\n", 13)), "byte offset 9"));
    CHECK(contains(csv_error("a,label\n1,caf\xE9\n"), "invalid UTF-8"));
  }

  TEST_CASE("UTF-16 text is recognised and the message says where") {
    const std::string bom_le = csv_error(std::string("\xFF\xFEx\0,\0l\0", 8));
    CHECK(contains(bom_le, "csv: row 1: looks like UTF-16; save as UTF-8"));
    CHECK(contains(bom_le, "byte-order mark FF FE at byte offset 0"));
    CHECK(contains(csv_error(std::string("\xFE\xFF\0x", 4)), "byte-order mark FE FF"));
    const char le_bytes[] = "a\0,\0l\0a\0b\0e\0l\0\n\0001\0,\0000\0\n\0";
    const std::string le(le_bytes, sizeof le_bytes - 1);
    const std::string e = csv_error(le);
    CHECK(contains(e, "looks like UTF-16"));
    CHECK(contains(e, "NUL in every other byte from byte offset 1"));
    const char be_bytes[] = "\0a\0,\0l\0a\0b\0e\0l\0\n\0\x31\0,\0\x30\0\n";
    const std::string be(be_bytes, sizeof be_bytes - 1);
    CHECK(contains(csv_error(be), "NUL in every other byte from byte offset 0"));
  }

  TEST_CASE("too many columns is an error stating the limit") {
    CsvLimits limits;
    limits.max_columns = 3;
    const std::string e = csv_error("1,2,3,4,0\n", limits);
    CHECK(contains(e, "row 1"));
    CHECK(contains(e, "limit is 3"));
  }

  TEST_CASE("a million columns are refused by the default column limit") {
    std::string row;
    row.reserve(2000000);
    for (int i = 0; i < 1000000; ++i) row += i ? ",1" : "1";
    const std::string e = csv_error(row + "\n" + row + "\n");
    CHECK(contains(e, "csv: row 1: more than 4096 columns"));
    CHECK(contains(e, "the limit is 4096"));
  }

  TEST_CASE("too many rows is an error stating the limit") {
    CsvLimits limits;
    limits.max_rows = 2;
    const std::string e = csv_error("x,label\n1,0\n2,0\n3,0\n", limits);
    CHECK(contains(e, "row 4"));
    CHECK(contains(e, "limit is 2"));
  }

  TEST_CASE("too many bytes is an error stating the limit") {
    CsvLimits limits;
    limits.max_bytes = 10;
    const std::string e = csv_error("x,label\n1,0\n2,0\n", limits);
    CHECK(contains(e, "over the limit"));
    CHECK(contains(e, "10 bytes"));
  }

  TEST_CASE("an unterminated quote names the row and column where it opened") {
    const std::string e = csv_error("a,label\n1,0\n2,\"cat\n3,1\n");
    CHECK(contains(e, "row 3, column 2"));
    CHECK(contains(e, "unterminated quote"));
    CHECK(contains(csv_error("a,label\n\"1\"x,0\n"), "after a closing quote"));
  }

  TEST_CASE("a single column is an error") {
    CHECK(contains(csv_error("1\n2\n3\n"), "only one column"));
    CHECK(contains(csv_error("label\n1\n"), "only one column"));
    CHECK(contains(csv_error("x,domain\n1,0\n"), "no feature columns"));
  }

  TEST_CASE("load_csv of a missing file is an error naming the file") {
    const std::string path = temp_path("does_not_exist.csv");
    auto r = tl::load_csv(path);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().rfind(path + ": ", 0) == 0);
    CHECK(contains(r.error(), "cannot open"));
  }

  TEST_CASE("load_csv rejects a file over the byte limit before reading it") {
    const std::string path = temp_path("big.csv");
    {
      std::ofstream f(path, std::ios::binary);
      // Binary garbage: had the file been read, the message would be about the contents.
      f << std::string(3 << 20, '\x01');
    }
    CsvLimits limits;
    limits.max_bytes = 2u << 20;
    auto r = tl::load_csv(path, limits);
    REQUIRE_FALSE(r.ok());
    CHECK(contains(r.error(), "over the limit of 2 MB"));
    CHECK(contains(r.error(), "3 MB"));
    std::remove(path.c_str());
  }

  TEST_CASE("load_csv refuses a 200 MB file by the default size limit without reading it") {
    const std::string path = temp_path("sparse_200mb.csv");
    std::remove(path.c_str());
    { std::ofstream f(path, std::ios::binary); }
    // Sparse: costs no disk time. Its bytes are NUL, so a read would end in an encoding error.
    std::filesystem::resize_file(path, std::uintmax_t{200} << 20);
    auto r = tl::load_csv(path);
    std::remove(path.c_str());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().rfind(path + ": ", 0) == 0);
    CHECK(contains(r.error(), "200 MB"));
    CHECK(contains(r.error(), "over the limit of 64 MB"));
  }

  TEST_CASE("the default limits are those documented") {
    const CsvLimits limits;
    CHECK(limits.max_bytes == 64u << 20);
    CHECK(limits.max_columns == 4096);
    CHECK(limits.max_rows == 200000);
    CHECK(limits.max_classes == 10000);
  }

  TEST_CASE("too many distinct class names is an error stating the limit") {
    CsvLimits limits;
    limits.max_classes = 3;
    const std::string e = csv_error("x,label\n1,a\n2,b\n3,c\n4,d\n", limits);
    CHECK(contains(e, "row 5"));
    CHECK(contains(e, "the limit is 3 classes"));
  }

  // --- Attribute tables -------------------------------------------------------------------------

  TEST_CASE("an attribute table is read in the expected class order") {
    auto r = tl::parse_attribute_table("class,furry,stripes\ncat,1,0.5\n dog ,1,0\nzebra,0,1\n",
                                       {"zebra", "cat", "dog"});
    REQUIRE(r.ok());
    const tl::AttributeTable& t = r.value();
    CHECK(t.class_names == std::vector<std::string>{"zebra", "cat", "dog"});
    CHECK(t.attribute_names == std::vector<std::string>{"furry", "stripes"});
    REQUIRE(t.table.rows() == 3);
    REQUIRE(t.table.cols() == 2);
    CHECK(t.table(0, 1) == 1);
    CHECK(t.table(1, 1) == doctest::Approx(0.5));
    auto any = tl::parse_attribute_table("class;a\nx;1\ny;2\n", {});
    REQUIRE(any.ok());
    CHECK(any.value().class_names == std::vector<std::string>{"x", "y"});
  }

  TEST_CASE("an attribute table missing an expected class is an error") {
    const std::string e = attr_error("class,a\ncat,1\ndog,0\n", {"cat", "dog", "cow"});
    CHECK(contains(e, "'cow' has no row"));
    CHECK(contains(attr_error("class,a\ncat,1\nemu,0\n", {"cat"}), "row 3, column 1"));
  }

  TEST_CASE("an attribute row of the wrong width is an error") {
    CHECK(contains(attr_error("class,a,b\ncat,1,0\ndog,1\n"), "row 3: expected 3 columns, got 2"));
  }

  TEST_CASE("duplicate classes in an attribute table are an error naming both rows") {
    const std::string e = attr_error("class,a\ncat,1\ndog,0\ncat,2\n");
    CHECK(contains(e, "row 4"));
    CHECK(contains(e, "duplicate class 'cat'"));
    CHECK(contains(e, "row 2"));
  }

  TEST_CASE("an attribute equal for all classes is an error") {
    const std::string e = attr_error("class,a,b\ncat,1,3\ndog,0,3\n");
    CHECK(contains(e, "column 3 ('b')"));
    CHECK(contains(e, "carries no information"));
  }

  TEST_CASE("a non-numeric attribute value is an error naming its position") {
    const std::string e = attr_error("class,a,b\ncat,1,0\ndog,yes,1\n");
    CHECK(contains(e, "row 3, column 2 ('a')"));
    CHECK(contains(e, "not a number"));
    CHECK(contains(attr_error("class,a\ncat,nan\ndog,1\n"), "not a finite number"));
  }

  TEST_CASE("malformed attribute tables give clear errors") {
    CHECK(contains(attr_error(""), "empty"));
    CHECK(contains(attr_error("class,a\n"), "header only"));
    CHECK(contains(attr_error("class\ncat\n"), "attribute column"));
    CHECK(contains(attr_error("cat,1,0\ndog,0,1\n"), "must be a header"));
    CHECK(contains(attr_error("class,a,a\ncat,1,0\ndog,0,1\n"), "duplicate column name"));
    CHECK(contains(attr_error("class,a\n,1\ndog,0\n"), "empty class name"));
  }
}
