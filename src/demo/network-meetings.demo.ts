import type { DemoStep } from './demo-seed';

/**
 * Trelleborg's youth team at professional and network meetings on the 16th of 1, 2, 4 and 7
 * months ago (complete past months, so in the report's last twelve), one like seeds/004's
 * (13 people from several Skåne municipalities), so the monthly report has the figure.
 */
export const networkMeetingsDemoStep: DemoStep = {
  name: 'network-meetings',
  async run(em) {
    await em.query(
      `INSERT INTO network_meeting (municipality_code, held_on, kind, participants, organisations, topic, created_by)
       SELECT '1287', (date_trunc('month', app_today()) - make_interval(months => m.months_ago) + interval '15 days')::date, m.kind, m.participants, m.organisations, m.topic,
              (SELECT id FROM app_user WHERE email = 'coordinator@trelleborg.demo')
         FROM (VALUES
           (1, 'NETWORK', 13, ARRAY['Trelleborgs kommun','Vellinge kommun','Skurups kommun','Svedala kommun','Ystads kommun'],
            'Erfarenhetsutbyte om kommunens aktivitetsansvar'),
           (2, 'PROFESSIONAL', 6, ARRAY['Trelleborgs kommun','Arbetsförmedlingen','Socialtjänsten Trelleborg'],
            'Samverkan kring praktikplatser'),
           (4, 'PROFESSIONAL', 5, ARRAY['Trelleborgs kommun','Söderslättsgymnasiet'],
            'Rutiner för information om avhopp'),
           (7, 'NETWORK', 9, ARRAY['Trelleborgs kommun','Malmö stad','Vellinge kommun'],
            'Uppsökande arbete och hembesök')
         ) AS m(months_ago, kind, participants, organisations, topic)`,
    );
  },
};
