import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DocumentNode, parse, print } from 'graphql';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/** A manifest: the documents a first-party client sends, exactly as it sends them. */
export interface TrustedDocumentManifest {
  /** Who wrote it (readme, web, an integration's name). */
  source: string;
  documents: string[];
}

/** By the printed document, so layout and comments do not matter, only the operation. */
export function documentHash(document: DocumentNode | string): string {
  const doc = typeof document === 'string' ? parse(document) : document;
  return createHash('sha256').update(print(doc)).digest('hex');
}

/** The README's ```graphql examples, as `npm run trusted-documents` registers them. */
export function readmeDocuments(readme: string): string[] {
  const docs = [...readme.matchAll(/```graphql[ \t]*\r?\n([\s\S]*?)\r?\n```/g)].map((m) => m[1]);
  return [...new Set(docs)];
}

/** The web client's build writes its operations here ({ "sha256:…": "<document>" }). */
export const WEB_MANIFEST = join('web', 'dist', 'operations.json');

/**
 * Trusted documents (production): only operations a manifest in trusted-documents/ (or
 * the web client's web/dist/operations.json) lists are accepted, compared by the printed
 * document. TRUSTED_DOCUMENTS=off opts a deployment out
 * (e.g. one that serves third-party clients); outside production every document runs.
 */
@Injectable()
export class TrustedDocuments {
  private readonly hashes = new Set<string>();
  private readonly enforced: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.enforced = config.nodeEnv === 'production' && config.trustedDocuments;
    if (!this.enforced) return;
    for (const doc of manifestDocuments(config.trustedDocumentsDir)) {
      try {
        this.hashes.add(documentHash(doc));
      } catch {
        // A manifest entry that does not parse can never match a valid operation.
      }
    }
  }

  /** A document registered since start (an integration's; RegisteredDocumentsService). */
  add(hash: string): void {
    this.hashes.add(hash);
  }

  allows(document: DocumentNode): boolean {
    return !this.enforced || this.hashes.has(documentHash(document));
  }

  get size(): number {
    return this.hashes.size;
  }
}

/**
 * Every document of the manifests in `dir` and of the web client's build: either
 * { source, documents: [...] } or the client's { "sha256:…": "<document>" }.
 */
export function manifestDocuments(dir: string): string[] {
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(dir, f))
    : [];
  const web = resolve(WEB_MANIFEST);
  if (existsSync(web)) files.push(web);
  return files.flatMap((file) => {
    const json = JSON.parse(readFileSync(file, 'utf8')) as
      TrustedDocumentManifest | Record<string, string>;
    if (Array.isArray((json as TrustedDocumentManifest).documents))
      return (json as TrustedDocumentManifest).documents;
    return Object.values(json).filter((d): d is string => typeof d === 'string');
  });
}
