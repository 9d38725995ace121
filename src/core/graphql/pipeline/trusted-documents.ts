import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/** A manifest: the documents a first-party client sends, exactly as it sends them. */
export interface TrustedDocumentManifest {
  /** Who wrote it (readme, web, an integration's name). */
  source: string;
  documents: string[];
}

export function documentHash(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/**
 * Trusted documents (production): only operations whose exact text a manifest in
 * trusted-documents/ lists are accepted. TRUSTED_DOCUMENTS=off opts a deployment out
 * (e.g. one that serves third-party clients); outside production every document runs.
 */
@Injectable()
export class TrustedDocuments {
  private readonly hashes = new Set<string>();
  private readonly enforced: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.enforced = config.nodeEnv === 'production' && config.trustedDocuments;
    if (!this.enforced) return;
    for (const manifest of readManifests(config.trustedDocumentsDir))
      for (const doc of manifest.documents) this.hashes.add(documentHash(doc));
  }

  allows(source: string): boolean {
    return !this.enforced || this.hashes.has(documentHash(source));
  }

  get size(): number {
    return this.hashes.size;
  }
}

export function readManifests(dir: string): TrustedDocumentManifest[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as TrustedDocumentManifest);
}
