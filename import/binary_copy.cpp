// numeric's binary form: base-10000 digits with a weight (the power of 10000 of the first digit),
// leading and trailing zero digits stripped as numeric_send writes them.
#include "import/binary_copy.hpp"

namespace atelier::import::binary_copy {
namespace {

constexpr std::int64_t numeric_base = 10000;
constexpr std::uint16_t numeric_positive = 0x0000;
constexpr std::uint16_t price_scale = 2;
// numeric(12,2) has at most 10 integer digits: three base-10000 digits, plus one for the cents.
constexpr int max_digits = 4;

}  // namespace

void append_numeric_cents(std::string& out, std::int64_t cents) {
  // Digits least significant first: the cents as the first fractional digit (.ff -> ff00), then
  // the integer part in groups of four decimal digits.
  std::uint16_t digits[max_digits];
  int count = 0;
  digits[count++] = static_cast<std::uint16_t>((cents % 100) * 100);
  for (std::int64_t whole = cents / 100; whole > 0 && count < max_digits; whole /= numeric_base)
    digits[count++] = static_cast<std::uint16_t>(whole % numeric_base);
  int weight = count - 2;  // the most significant digit's power of 10000
  int low = 0;
  while (low < count && digits[low] == 0) ++low;
  while (count > low && digits[count - 1] == 0) {
    --count;
    --weight;
  }
  const int ndigits = count - low;
  if (ndigits == 0) weight = 0;  // zero: no digits, as numeric_send writes it
  append_uint32(out, static_cast<std::uint32_t>(8 + 2 * ndigits));
  append_uint16(out, static_cast<std::uint16_t>(ndigits));
  append_uint16(out, static_cast<std::uint16_t>(static_cast<std::int16_t>(weight)));
  append_uint16(out, numeric_positive);
  append_uint16(out, price_scale);
  for (int i = count - 1; i >= low; --i) append_uint16(out, digits[i]);
}

}  // namespace atelier::import::binary_copy
