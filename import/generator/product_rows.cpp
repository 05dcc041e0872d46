// Writes product.csv, features.csv and related.csv, including their deliberate defects.
#include "import/generator/product_rows.hpp"

#include <string>

#include "import/generator/catalog_text.hpp"
#include "import/generator/catalog_words.hpp"
#include "import/generator/count_distribution.hpp"
#include "import/generator/csv_writer.hpp"
#include "import/generator/price_cents.hpp"

namespace atelier::generator {
namespace {

constexpr std::uint32_t null_feature_value_ppm = 50'000;
constexpr std::uint32_t feature_unknown_product_ppm = 200;
// related_product_id quirks, as cumulative thresholds out of 1,000,000.
constexpr std::uint32_t related_zero_below = 3'000;
constexpr std::uint32_t related_unknown_below = 5'000;
constexpr std::uint32_t related_self_below = 6'000;
constexpr std::uint32_t max_related_per_product = 8;

/// Everything one pass over the products writes to.
struct product_files {
  csv_writer products;
  csv_writer features;
  csv_writer related;
  std::uint64_t next_feature_id = 1;
  std::uint64_t next_related_id = 1;
  std::string name;
  std::string description;
  generation_tally tally;

  explicit product_files(const std::filesystem::path& dir)
      : products(output_path(dir, output_file::product), file_header(output_file::product)),
        features(output_path(dir, output_file::features), file_header(output_file::features)),
        related(output_path(dir, output_file::related), file_header(output_file::related)) {}
};

void write_product(const catalog_plan& plan, std::uint32_t index, product_files& files) {
  prng rng(plan.seed, stream_tag::product, index);
  make_product_name(rng, files.name);
  make_description(rng, files.description);
  csv_writer& out = files.products;
  out.integer(plan.product_ids[index]);
  out.quoted(files.name);
  out.quoted(rng.pick(words::slogans));
  out.quoted(files.description);
  out.quoted(words::categories[plan.category_indexes[index]]);
  out.price(draw_price_cents(rng));
  out.end_row();
}

void write_features(const catalog_plan& plan, std::uint32_t index, product_files& files) {
  prng rng(plan.seed, stream_tag::feature, index);
  const std::uint32_t count = features_per_product.draw(rng);
  csv_writer& out = files.features;
  for (std::uint32_t f = 0; f < count; ++f) {
    out.integer(files.next_feature_id++);
    if (rng.chance_ppm(feature_unknown_product_ppm)) {
      out.integer(plan.unknown_product_id(rng));
      files.tally.add_defect(defect_kind::feature_unknown_product);
    } else {
      out.integer(plan.product_ids[index]);
    }
    out.quoted(rng.pick(words::feature_names));
    if (rng.chance_ppm(null_feature_value_ppm)) {
      out.raw("null");
    } else {
      out.quoted(rng.pick(words::feature_values));
    }
    out.end_row();
  }
}

/// A valid related product index other than `index`, not already in `chosen` (N >= 2).
std::uint32_t pick_related_index(prng& rng, std::uint32_t index, std::uint32_t products,
                                 const std::uint32_t* chosen, std::uint32_t chosen_count) {
  for (;;) {
    std::uint32_t candidate = rng.below(products - 1);
    if (candidate >= index) ++candidate;
    bool repeated = false;
    for (std::uint32_t c = 0; c < chosen_count; ++c) repeated = repeated || chosen[c] == candidate;
    // With fewer products than picks, repeats are unavoidable; accept them then.
    if (!repeated || products <= max_related_per_product + 1) return candidate;
  }
}

void write_related(const catalog_plan& plan, std::uint32_t index, product_files& files) {
  prng rng(plan.seed, stream_tag::related, index);
  const std::uint32_t count = related_per_product.draw(rng);
  const std::uint32_t self_id = plan.product_ids[index];
  std::uint32_t chosen[max_related_per_product];
  std::uint32_t chosen_count = 0;
  csv_writer& out = files.related;
  for (std::uint32_t r = 0; r < count; ++r) {
    out.integer(files.next_related_id++);
    out.integer(self_id);
    const std::uint32_t quirk = rng.below(1'000'000);
    if (quirk < related_zero_below) {
      out.integer(0);
      files.tally.add_defect(defect_kind::related_zero);
    } else if (quirk < related_unknown_below) {
      out.integer(plan.unknown_product_id(rng));
      files.tally.add_defect(defect_kind::related_unknown);
    } else if (quirk < related_self_below || plan.product_count() < 2) {
      out.integer(self_id);
      files.tally.add_defect(defect_kind::related_self);
    } else {
      const std::uint32_t other =
          pick_related_index(rng, index, plan.product_count(), chosen, chosen_count);
      chosen[chosen_count++] = other;
      out.integer(plan.product_ids[other]);
    }
    out.end_row();
  }
}

}  // namespace

generation_tally write_product_rows(const catalog_plan& plan,
                                    const std::filesystem::path& out_dir) {
  product_files files(out_dir);
  for (std::uint32_t i = 0; i < plan.product_count(); ++i) {
    write_product(plan, i, files);
    write_features(plan, i, files);
    write_related(plan, i, files);
  }
  files.products.finish();
  files.features.finish();
  files.related.finish();
  files.tally.set_rows(output_file::product, files.products.rows());
  files.tally.set_rows(output_file::features, files.features.rows());
  files.tally.set_rows(output_file::related, files.related.rows());
  return files.tally;
}

}  // namespace atelier::generator
