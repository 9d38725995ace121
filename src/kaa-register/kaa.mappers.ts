import { KaaClosureEntity } from './kaa-closure.entity';
import { KaaMeasureEntity } from './kaa-measure.entity';
import { KaaPeriodEntity } from './kaa-period.entity';
import { KaaClosureModel, KaaMeasureModel, KaaPeriodModel } from './models/kaa.models';

export function toPeriodModel(p: KaaPeriodEntity): KaaPeriodModel {
  return Object.assign(new KaaPeriodModel(), {
    id: p.id,
    youngPersonId: p.youngPersonId,
    municipalityCode: p.municipalityCode,
    entryDate: p.entryDate,
    entryReason: p.entryReason,
    exitDate: p.exitDate,
    exitReason: p.exitReason,
    open: p.exitDate === null,
    responsibleUserId: p.responsibleUserId,
    nextFollowUpDate: p.nextFollowUpDate,
  });
}

export function toMeasureModel(m: KaaMeasureEntity): KaaMeasureModel {
  return Object.assign(new KaaMeasureModel(), {
    id: m.id,
    youngPersonId: m.youngPersonId,
    planId: m.planId,
    type: m.type,
    provider: m.provider,
    description: m.description,
    offeredOn: m.offeredOn,
    startDate: m.startDate,
    endDate: m.endDate,
    status: m.status,
    endReason: m.endReason,
    endNote: m.endNote,
  });
}

export function toClosureModel(c: KaaClosureEntity): KaaClosureModel {
  return Object.assign(new KaaClosureModel(), {
    id: c.id,
    youngPersonId: c.youngPersonId,
    kind: c.kind,
    closedOn: c.closedOn,
    occupationTitle: c.occupationTitle,
    programme: c.programme,
    occupationField: c.occupationField,
    programmeCode: c.programmeCode,
    measureId: c.measureId,
    note: c.note,
  });
}
