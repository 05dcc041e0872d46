// Word lists the generator combines into product, feature and style text (some with commas, quotes,
// non-ASCII).
#pragma once

#include <string_view>

namespace atelier::generator::words {

inline constexpr std::string_view adjectives[] = {
    "Camo",   "Heir",   "Bright", "Pumped",  "Morning", "Slacker's", "Blues",    "Summer",
    "Café",   "Naïve",  "Ultra",  "Classic", "Retro",   "Zoomed",    "Hardy",    "Rustic",
    "Crème",  "Señor",  "Nordic", "Urban",   "Velvet",  "Coastal",   "日本",     "Über",
    "Alpine", "Smooth", "Bold",   "Quiet",   "Rapid",   "Sunny",     "Electric", "Vintage"};

inline constexpr std::string_view nouns[] = {
    "Onesie",   "Force Sunglasses", "Joggers", "Slacks", "Kicks",  "Jacket",   "Heels",   "Boots",
    "Sneakers", "Hoodie",           "Tee",     "Shorts", "Cap",    "Beanie",   "Sandals", "Parka",
    "Loafers",  "Trousers",         "Blazer",  "Scarf",  "Gloves", "Backpack", "Dress",   "Skirt"};

inline constexpr std::string_view slogans[] = {
    "Blend in to your crowd",
    "Full court support",
    "Stop squinting, start smiling",
    "Comfort, style, and durability",
    "You've got to \"feel\" it",
    "I'd rather be naïve, than bored",
    "Made for the café, the street, and everything between",
    "So light, you'll forget them",
    "Walk the \"extra\" mile",
    "Crafted in 日本, worn everywhere",
    "Warm, dry, happy",
    "Über comfortable"};

inline constexpr std::string_view description_openers[] = {
    "The So Fatigues will wake you up and fit you in.",
    "This optimized air cushion pocket reduces impact but keeps a perfect balance underfoot.",
    "Where you're going you might not need roads, but you'll need these.",
    "I've been \"working\" on these all week, and they're finally done.",
    "Perfect for the café, the office, or the weekend.",
    "A crème-de-la-crème fabric, cut with a naïve sort of confidence.",
    "Designed in Zürich, tested in 日本, loved everywhere.",
    "Our most popular fit, now softer than ever."};

inline constexpr std::string_view description_closers[] = {
    "This high energy camo will have you blending in to even the wildest surroundings.",
    "Whether you're running, jumping, or just lounging, they've got you covered.",
    "Machine wash cold, tumble dry low.",
    "Limited run: once they're gone, they're gone.",
    "Pairs well with \"everything\", according to our stylists.",
    "Señor Smith swears by them, and so will you."};

inline constexpr std::string_view categories[] = {
    "Jackets", "Accessories", "Pants",      "Dress Shoes", "Kicks",         "Basketball Shoes",
    "Heels",   "Boots",       "Sweatpants", "Shirts",      "Running Shoes", "Hats"};

/// Categories above whose styles are sized in shoe sizes (indexes into `categories`).
inline constexpr bool category_is_shoe[] = {false, false, false, true,  true, true,
                                            true,  true,  false, false, true, false};

inline constexpr std::string_view feature_names[] = {"Fabric",
                                                     "Cut",
                                                     "Lenses",
                                                     "Frame",
                                                     "Sole",
                                                     "Material",
                                                     "Stitching",
                                                     "Buttons",
                                                     "Non-GMO",
                                                     "Mid-Sole",
                                                     "Lifetime Guarantee",
                                                     "Satisfaction Guaranteed",
                                                     "Closure",
                                                     "Fit",
                                                     "Origin"};

inline constexpr std::string_view feature_values[] = {"Canvas",
                                                      "Skinny",
                                                      "Ultrasheen",
                                                      "Rubber",
                                                      "FullControlSkin",
                                                      "Double Stitch",
                                                      "Brass",
                                                      "100% Cotton",
                                                      "Organic, Fair-Trade",
                                                      "Wood",
                                                      "\"Blue\" Resistant",
                                                      "Made in 日本",
                                                      "Naïve Denim",
                                                      "Crème Leather",
                                                      "ControlSupport Arch Bridge",
                                                      "Velcro, Zip",
                                                      "Relaxed"};

inline constexpr std::string_view colors[] = {
    "Forest Green", "Black", "Goldenrod", "Ocean Blue", "Crème",        "Desert Brown",
    "Dark Grey",    "White", "Red",       "Sky Blue",   "Café au Lait", "Magenta",
    "Charcoal",     "Olive", "Peach",     "Navy",       "Cream",        "Sea Green"};

inline constexpr std::string_view style_suffixes[] = {
    "", "", "", "", " Camo", " Stripe", " \"Limited\"", ", Matte", " (日本)", " Heather"};

inline constexpr std::string_view letter_sizes[] = {"XS", "S", "M", "L", "XL", "XXL", "XXXL"};

inline constexpr std::string_view shoe_sizes[] = {"7",  "7.5",  "8",  "8.5",  "9", "9.5",
                                                  "10", "10.5", "11", "11.5", "12"};

inline constexpr std::string_view one_size = "One Size";

}  // namespace atelier::generator::words
