// Writes photos.csv: Unsplash-style url/thumbnail pairs plus ~0.05% malformed rows.
#include "import/generator/photo_rows.hpp"

#include <string>

#include "import/generator/count_distribution.hpp"
#include "import/generator/csv_writer.hpp"

namespace atelier::generator {
namespace {

constexpr std::string_view url_prefix = "https://images.unsplash.com/photo-";
constexpr std::string_view url_query = "?ixlib=rb-1.2.1&auto=format&fit=crop&w=";
constexpr std::string_view url_tail = "&q=80";
constexpr std::string_view full_width = "668";
constexpr std::string_view thumbnail_width = "300";
// Malformed rows, as cumulative thresholds out of 1,000,000 (500 ppm = 0.05% in total).
constexpr std::uint32_t unclosed_quote_below = 170;
constexpr std::uint32_t split_url_below = 340;
constexpr std::uint32_t truncated_url_below = 500;

/// Replaces `out` with an Unsplash photo key such as `1544376664-80b17f09d399`.
void make_photo_key(prng& rng, std::string& out) {
  static constexpr char hex_digits[] = "0123456789abcdef";
  out.assign("15");
  std::uint64_t digits = rng.next();
  for (int i = 0; i < 8; ++i, digits /= 10) out.push_back(static_cast<char>('0' + digits % 10));
  out.push_back('-');
  std::uint64_t hex = rng.next();
  for (int i = 0; i < 12; ++i, hex >>= 4) out.push_back(hex_digits[hex & 0xF]);
}

void make_url(std::string_view key, std::string_view width, std::string& out) {
  out.assign(url_prefix);
  out.append(key);
  out.append(url_query);
  out.append(width);
  out.append(url_tail);
}

struct photo_files {
  csv_writer photos;
  std::uint64_t next_photo_id = 1;
  std::string key;
  std::string url;
  std::string thumbnail;
  std::string fragment;
  generation_tally tally;

  explicit photo_files(const std::filesystem::path& dir)
      : photos(output_path(dir, output_file::photos), file_header(output_file::photos)) {}
};

/// Writes the url and thumbnail fields, deliberately malformed at a low rate.
void write_urls(prng& rng, photo_files& files) {
  csv_writer& out = files.photos;
  const std::uint32_t quirk = rng.below(1'000'000);
  if (quirk < unclosed_quote_below) {
    out.quoted(files.url);
    files.fragment.assign("\"").append(files.thumbnail);  // no closing quote
    out.raw(files.fragment);
    files.tally.add_defect(defect_kind::photo_unclosed_quote);
  } else if (quirk < split_url_below) {
    const auto query = files.url.find('?');  // url split at its query: 5 fields in the row
    out.quoted(std::string_view(files.url).substr(0, query));
    out.quoted(std::string_view(files.url).substr(query));
    out.quoted(files.thumbnail);
    files.tally.add_defect(defect_kind::photo_split_url);
  } else if (quirk < truncated_url_below) {
    const std::size_t kept = url_prefix.size() + rng.between(0, 6);
    out.quoted(std::string_view(files.url).substr(0, kept));  // e.g. ".../photo-15", no query
    out.quoted(files.thumbnail);
    files.tally.add_defect(defect_kind::photo_truncated_url);
  } else {
    out.quoted(files.url);
    out.quoted(files.thumbnail);
  }
}

void write_style_photos(const catalog_plan& plan, std::uint32_t style_id, photo_files& files) {
  prng rng(plan.seed, stream_tag::photo, style_id);
  const std::uint32_t count = photos_per_style.draw(rng);
  for (std::uint32_t p = 0; p < count; ++p) {
    make_photo_key(rng, files.key);
    make_url(files.key, full_width, files.url);
    make_url(files.key, thumbnail_width, files.thumbnail);
    files.photos.integer(files.next_photo_id++);
    files.photos.integer(style_id);
    write_urls(rng, files);
    files.photos.end_row();
  }
}

}  // namespace

generation_tally write_photo_rows(const catalog_plan& plan, const std::filesystem::path& out_dir) {
  photo_files files(out_dir);
  for (std::uint32_t i = 0; i < plan.product_count(); ++i) {
    // Orphan styles (unknown productId) get no photos, so rejecting them rejects nothing else.
    for (std::uint32_t s = 0; s < plan.style_counts[i]; ++s) {
      write_style_photos(plan, plan.first_style_ids[i] + s, files);
    }
  }
  files.photos.finish();
  files.tally.set_rows(output_file::photos, files.photos.rows());
  return files.tally;
}

}  // namespace atelier::generator
