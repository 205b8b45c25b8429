* PSPP cross-check of the hotel.sav reliability golden values (a second, independent
* implementation beside R's psych). Run from tests/reference:
*   pspp -O format=csv -o hotel_reliability_pspp.csv hotel_reliability.sps
GET FILE="data/hotel.sav".
COMPUTE v3 = 6 - v3.
RELIABILITY /VARIABLES=v1 v3 v4 v5 /SCALE("satisfaction")=v1 v3 v4 v5 /SUMMARY=TOTAL.
RELIABILITY /VARIABLES=v1 v2 v3 v4 v5 /SCALE("all_items")=ALL /SUMMARY=TOTAL.
