import { registerEnumType } from '@nestjs/graphql';

/**
 * Where a closure to work went, as a category: Arbetsförmedlingen's occupation fields
 * (yrkesområden, the JobTech taxonomy the labour office and the youth team share). A code,
 * not free text: it says nothing about the person, so retention keeps it and the report's
 * split of a past month stays the same after a purge (the title is purged).
 */
export enum OccupationField {
  ADMINISTRATION_FINANCE_LAW = 'ADMINISTRATION_FINANCE_LAW',
  CONSTRUCTION = 'CONSTRUCTION',
  MANAGEMENT = 'MANAGEMENT',
  IT = 'IT',
  SALES_PURCHASING_MARKETING = 'SALES_PURCHASING_MARKETING',
  CRAFTS = 'CRAFTS',
  HOTEL_RESTAURANT_CATERING = 'HOTEL_RESTAURANT_CATERING',
  HEALTHCARE = 'HEALTHCARE',
  MANUFACTURING = 'MANUFACTURING',
  INSTALLATION_OPERATION_MAINTENANCE = 'INSTALLATION_OPERATION_MAINTENANCE',
  BEAUTY_CARE = 'BEAUTY_CARE',
  CULTURE_MEDIA_DESIGN = 'CULTURE_MEDIA_DESIGN',
  MILITARY = 'MILITARY',
  NATURAL_RESOURCES = 'NATURAL_RESOURCES',
  NATURAL_SCIENCES = 'NATURAL_SCIENCES',
  EDUCATION = 'EDUCATION',
  CLEANING_SANITATION = 'CLEANING_SANITATION',
  SOCIAL_WORK = 'SOCIAL_WORK',
  SECURITY = 'SECURITY',
  TECHNICAL = 'TECHNICAL',
  TRANSPORT = 'TRANSPORT',
}

/** [Swedish, English] labels of the occupation fields. */
export const OCCUPATION_FIELD_LABELS: Record<OccupationField, [string, string]> = {
  ADMINISTRATION_FINANCE_LAW: ['Administration, ekonomi, juridik', 'Administration, finance, law'],
  CONSTRUCTION: ['Bygg och anläggning', 'Construction'],
  MANAGEMENT: ['Chefer och verksamhetsledare', 'Managers'],
  IT: ['Data/IT', 'IT'],
  SALES_PURCHASING_MARKETING: [
    'Försäljning, inköp, marknadsföring',
    'Sales, purchasing, marketing',
  ],
  CRAFTS: ['Hantverksyrken', 'Crafts'],
  HOTEL_RESTAURANT_CATERING: ['Hotell, restaurang, storhushåll', 'Hotel, restaurant, catering'],
  HEALTHCARE: ['Hälso- och sjukvård', 'Health care'],
  MANUFACTURING: ['Industriell tillverkning', 'Manufacturing'],
  INSTALLATION_OPERATION_MAINTENANCE: [
    'Installation, drift, underhåll',
    'Installation, operation, maintenance',
  ],
  BEAUTY_CARE: ['Kropps- och skönhetsvård', 'Beauty care'],
  CULTURE_MEDIA_DESIGN: ['Kultur, media, design', 'Culture, media, design'],
  MILITARY: ['Militärt arbete', 'Military'],
  NATURAL_RESOURCES: ['Naturbruk', 'Agriculture, forestry, horticulture'],
  NATURAL_SCIENCES: ['Naturvetenskapligt arbete', 'Natural sciences'],
  EDUCATION: ['Pedagogiskt arbete', 'Education'],
  CLEANING_SANITATION: ['Sanering och renhållning', 'Cleaning and sanitation'],
  SOCIAL_WORK: ['Socialt arbete', 'Social work'],
  SECURITY: ['Säkerhetsarbete', 'Security'],
  TECHNICAL: ['Tekniskt arbete', 'Technical work'],
  TRANSPORT: ['Transport, distribution, lager', 'Transport, distribution, warehousing'],
};

/**
 * Where a closure to studies went: a national upper-secondary programme (Skolverket's
 * codes), an introduktionsprogram, or studies outside upper-secondary school. Kept at
 * purge like OccupationField.
 */
export enum StudyProgramme {
  BA = 'BA',
  BF = 'BF',
  EE = 'EE',
  EK = 'EK',
  ES = 'ES',
  FT = 'FT',
  HA = 'HA',
  HT = 'HT',
  HU = 'HU',
  HV = 'HV',
  IN = 'IN',
  NA = 'NA',
  NB = 'NB',
  RL = 'RL',
  SA = 'SA',
  TE = 'TE',
  VF = 'VF',
  VO = 'VO',
  IMA = 'IMA',
  IMS = 'IMS',
  IMV = 'IMV',
  IMY = 'IMY',
  ADAPTED_UPPER_SECONDARY = 'ADAPTED_UPPER_SECONDARY',
  ADULT_EDUCATION = 'ADULT_EDUCATION',
  FOLK_HIGH_SCHOOL = 'FOLK_HIGH_SCHOOL',
  OTHER_STUDIES = 'OTHER_STUDIES',
}

export const STUDY_PROGRAMME_LABELS: Record<StudyProgramme, [string, string]> = {
  BA: ['Bygg- och anläggningsprogrammet (BA)', 'Building and construction (BA)'],
  BF: ['Barn- och fritidsprogrammet (BF)', 'Child and recreation (BF)'],
  EE: ['El- och energiprogrammet (EE)', 'Electricity and energy (EE)'],
  EK: ['Ekonomiprogrammet (EK)', 'Business management and economics (EK)'],
  ES: ['Estetiska programmet (ES)', 'Arts (ES)'],
  FT: ['Fordons- och transportprogrammet (FT)', 'Vehicle and transport (FT)'],
  HA: ['Handels- och administrationsprogrammet (HA)', 'Business and administration (HA)'],
  HT: ['Hotell- och turismprogrammet (HT)', 'Hotel and tourism (HT)'],
  HU: ['Humanistiska programmet (HU)', 'Humanities (HU)'],
  HV: ['Hantverksprogrammet (HV)', 'Handicraft (HV)'],
  IN: ['Industritekniska programmet (IN)', 'Industrial technology (IN)'],
  NA: ['Naturvetenskapsprogrammet (NA)', 'Natural science (NA)'],
  NB: ['Naturbruksprogrammet (NB)', 'Natural resource use (NB)'],
  RL: ['Restaurang- och livsmedelsprogrammet (RL)', 'Restaurant management and food (RL)'],
  SA: ['Samhällsvetenskapsprogrammet (SA)', 'Social science (SA)'],
  TE: ['Teknikprogrammet (TE)', 'Technology (TE)'],
  VF: ['VVS- och fastighetsprogrammet (VF)', 'HVAC and property maintenance (VF)'],
  VO: ['Vård- och omsorgsprogrammet (VO)', 'Health and social care (VO)'],
  // The four introduktionsprogram by their own names, as schools and the youth team use them.
  IMA: ['Individuellt alternativ (IMA)', 'Introductory: individual alternative (IMA)'],
  IMS: ['Språkintroduktion (IMS)', 'Introductory: language introduction (IMS)'],
  IMV: ['Programinriktat val (IMV)', 'Introductory: programme-oriented (IMV)'],
  IMY: ['Yrkesintroduktion (IMY)', 'Introductory: vocational introduction (IMY)'],
  ADAPTED_UPPER_SECONDARY: ['Anpassad gymnasieskola', 'Adapted upper-secondary school'],
  ADULT_EDUCATION: ['Komvux', 'Municipal adult education (Komvux)'],
  FOLK_HIGH_SCHOOL: ['Folkhögskola', 'Folk high school'],
  OTHER_STUDIES: ['Annan utbildning', 'Other studies'],
};

registerEnumType(OccupationField, {
  name: 'OccupationField',
  description:
    'Yrkesområde of a closure to work (Arbetsförmedlingen’s occupation fields); a category, kept when retention purges the title',
});
registerEnumType(StudyProgramme, {
  name: 'StudyProgramme',
  description:
    'Programme of a closure to studies: national programme code (BA … VO), introduktionsprogram (IMA, IMS, IMV, IMY), or adapted upper-secondary school, Komvux, folk high school, other studies; kept when retention purges the free text',
});
