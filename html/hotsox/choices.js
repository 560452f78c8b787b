// Labels for HotSox's numeric choices: the API stores and answers the numbers
// ("1".."N"); the pages show these words. One entry per value the API accepts.
"use strict";

window.HotSoxChoices = Object.freeze({
  info_gender: {
    1: "Woman", 2: "Man", 3: "Non-binary", 4: "Genderfluid", 5: "Agender",
    6: "Two-spirit", 7: "Something else", 8: "Prefer not to say",
  },
  info_color: {
    1: "Black", 2: "White", 3: "Grey", 4: "Red", 5: "Blue",
    6: "Green", 7: "Yellow", 8: "Pink", 9: "Striped", 10: "Rainbow",
  },
  info_fabric: {
    1: "Cotton", 2: "Wool", 3: "Merino", 4: "Bamboo", 5: "Polyester", 6: "Nylon", 7: "Cashmere",
  },
  info_fabric_thickness: {
    1: "Sheer", 2: "Very thin", 3: "Thin", 4: "Medium", 5: "Thick", 6: "Very thick", 7: "Hiking-boot thick",
  },
  info_brand: {
    1: "No name", 2: "Homemade", 3: "Supermarket", 4: "Sportswear", 5: "Designer",
    6: "Outdoor brand", 7: "Business", 8: "Novelty", 9: "Eco label", 10: "Hosiery",
    11: "Vintage", 12: "Gift shop", 13: "Unknown origin",
  },
  info_type: {
    1: "No-show", 2: "Ankle", 3: "Quarter", 4: "Crew", 5: "Mid-calf",
    6: "Knee-high", 7: "Over-the-knee", 8: "Toe socks", 9: "Slipper socks",
  },
  info_size: {
    1: "XXS (kids)", 2: "XS (EU 31–34)", 3: "S (EU 35–38)", 4: "M (EU 39–42)",
    5: "L (EU 43–46)", 6: "XL (EU 47–50)", 7: "XXL (EU 51+)",
  },
  info_condition: {
    1: "Brand new", 2: "Like new", 3: "Very good", 4: "Good", 5: "Lightly worn", 6: "Well worn",
    7: "Faded", 8: "Stretched", 9: "Pilled", 10: "Thin at the heel", 11: "Darned", 12: "Barely holding on",
  },
  info_inoutdoor: {
    1: "Indoors only", 2: "Mostly indoors", 3: "Office", 4: "Sport", 5: "Running",
    6: "Hiking", 7: "Mostly outdoors", 8: "Outdoors only", 9: "Bed",
  },
});
