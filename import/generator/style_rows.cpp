// Writes styles.csv and skus.csv, including orphan styles and bad sku quantities.
#include "import/generator/style_rows.hpp"

#include <string>

#include "import/generator/catalog_text.hpp"
#include "import/generator/catalog_words.hpp"
#include "import/generator/count_distribution.hpp"
#include "import/generator/csv_writer.hpp"
#include "import/generator/price_cents.hpp"

namespace atelier::generator {
namespace {

constexpr std::uint32_t has_default_style_ppm = 950'000;
constexpr std::uint32_t on_sale_ppm = 200'000;
constexpr std::uint32_t max_quantity = 60;
// Bad quantities, as cumulative thresholds out of 1,000,000.
constexpr std::uint32_t negative_quantity_below = 60;
constexpr std::uint32_t non_numeric_quantity_below = 120;
constexpr std::uint32_t max_negative_quantity = 20;
constexpr std::string_view non_numeric_quantities[] = {"many", "N/A", "twelve", "x7", "?"};

struct style_files {
  csv_writer styles;
  csv_writer skus;
  std::uint64_t next_sku_id = 1;
  std::string name;
  generation_tally tally;

  explicit style_files(const std::filesystem::path& dir)
      : styles(output_path(dir, output_file::styles), file_header(output_file::styles)),
        skus(output_path(dir, output_file::skus), file_header(output_file::skus)) {}
};

/// The size of the position-th sku of a style with `count` skus.
std::string_view sku_size(bool shoe, std::uint32_t count, std::uint32_t start,
                          std::uint32_t position) {
  if (count == 1) return words::one_size;
  if (shoe) return words::shoe_sizes[(start + position) % std::size(words::shoe_sizes)];
  // More skus than letter sizes wraps around, repeating sizes as the real data sometimes does.
  return words::letter_sizes[(start + position) % std::size(words::letter_sizes)];
}

void write_skus(const catalog_plan& plan, std::uint32_t index, std::uint32_t style_id,
                style_files& files) {
  prng rng(plan.seed, stream_tag::sku, style_id);
  const std::uint32_t count = skus_per_style.draw(rng);
  const bool shoe = words::category_is_shoe[plan.category_indexes[index]];
  const auto size_total = static_cast<std::uint32_t>(shoe ? std::size(words::shoe_sizes)
                                                          : std::size(words::letter_sizes));
  const std::uint32_t start = count < size_total ? rng.below(size_total - count + 1) : 0;
  csv_writer& out = files.skus;
  for (std::uint32_t k = 0; k < count; ++k) {
    out.integer(files.next_sku_id++);
    out.integer(style_id);
    out.quoted(sku_size(shoe, count, start, k));
    const std::uint32_t quirk = rng.below(1'000'000);
    if (quirk < negative_quantity_below) {
      out.signed_integer(-static_cast<std::int64_t>(rng.between(1, max_negative_quantity)));
      files.tally.add_defect(defect_kind::sku_negative_quantity);
    } else if (quirk < non_numeric_quantity_below) {
      out.raw(rng.pick(non_numeric_quantities));
      files.tally.add_defect(defect_kind::sku_non_numeric_quantity);
    } else {
      out.integer(rng.below(max_quantity + 1));
    }
    out.end_row();
  }
}

/// One styles.csv row; `product_id` may be deliberately unknown.
void write_style(prng& rng, std::uint32_t style_id, std::uint32_t product_id, bool is_default,
                 style_files& files) {
  make_style_name(rng, files.name);
  const std::uint64_t original = draw_price_cents(rng);
  csv_writer& out = files.styles;
  out.integer(style_id);
  out.integer(product_id);
  out.quoted(files.name);
  if (original > 0 && rng.chance_ppm(on_sale_ppm)) {
    out.price(draw_sale_cents(rng, original));
  } else {
    out.raw("null");
  }
  out.price(original);
  out.integer(is_default ? 1 : 0);
  out.end_row();
}

void write_product_styles(const catalog_plan& plan, std::uint32_t index, style_files& files) {
  prng rng(plan.seed, stream_tag::style, index);
  const std::uint32_t count = plan.style_counts[index];
  const std::uint32_t first_id = plan.first_style_ids[index];
  // About one default per product: most products mark exactly one style, a few mark none.
  const bool has_default = count > 0 && rng.chance_ppm(has_default_style_ppm);
  const std::uint32_t default_position = count > 0 ? rng.below(count) : 0;
  for (std::uint32_t s = 0; s < count; ++s) {
    const bool is_default = has_default && s == default_position;
    write_style(rng, first_id + s, plan.product_ids[index], is_default, files);
    write_skus(plan, index, first_id + s, files);
  }
  if (plan.orphan_style_flags[index] != 0) {
    write_style(rng, first_id + count, plan.unknown_product_id(rng), false, files);
    files.tally.add_defect(defect_kind::style_unknown_product);
  }
}

}  // namespace

generation_tally write_style_rows(const catalog_plan& plan, const std::filesystem::path& out_dir) {
  style_files files(out_dir);
  for (std::uint32_t i = 0; i < plan.product_count(); ++i) write_product_styles(plan, i, files);
  files.styles.finish();
  files.skus.finish();
  files.tally.set_rows(output_file::styles, files.styles.rows());
  files.tally.set_rows(output_file::skus, files.skus.rows());
  return files.tally;
}

}  // namespace atelier::generator
