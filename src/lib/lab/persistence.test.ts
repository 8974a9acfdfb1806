import { describe, expect, it } from 'vitest';
import { labState, toRecord } from './lab-state.ts';
import { clearPreviousLab, labStorageKey, loadLab, loadPreviousLab, previousLabKey, saveLab, savePreviousLab, unreadableLabKey, type LabStorage } from './persistence.ts';
import { LESSON } from './test-fixtures.ts';

class MemoryStorage implements LabStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

class FullStorage extends MemoryStorage {
  override setItem(): void {
    throw new DOMException('full', 'QuotaExceededError');
  }
}

class BrokenStorage implements LabStorage {
  getItem(): string | null {
    throw new Error('SecurityError');
  }
  setItem(): void {
    throw new Error('SecurityError');
  }
  removeItem(): void {
    throw new Error('SecurityError');
  }
}

const pristine = labState('kind: Pod\n', 8080, 'TCP');
const edited = labState('kind: Pod # edited\n', 9090, 'TCP');

describe('lab persistence', () => {
  it('saves under knet:lab:<lesson> and loads it back', () => {
    const storage = new MemoryStorage();
    expect(saveLab(storage, LESSON, edited, pristine)).toBeNull();
    expect([...storage.items.keys()]).toEqual([`knet:lab:${LESSON}`]);
    expect(loadLab(storage, LESSON)).toEqual({ state: edited, notice: null });
  });

  it('removes the key when the lab is back to the scenario', () => {
    const storage = new MemoryStorage();
    saveLab(storage, LESSON, edited, pristine);
    expect(saveLab(storage, LESSON, pristine, pristine)).toBeNull();
    expect(storage.items.size).toBe(0);
    expect(loadLab(storage, LESSON)).toEqual({ state: null, notice: null });
  });

  it('sets unreadable data aside, with a notice, instead of wiping it', () => {
    const storage = new MemoryStorage();
    storage.setItem(labStorageKey(LESSON), '{not json');
    const result = loadLab(storage, LESSON);
    expect(result.state).toBeNull();
    expect(result.notice?.kind).toBe('unreadable');
    expect(storage.getItem(unreadableLabKey(LESSON))).toBe('{not json');
    expect(storage.getItem(labStorageKey(LESSON))).toBeNull();
  });

  it('sets aside a record of a newer format', () => {
    const storage = new MemoryStorage();
    storage.setItem(labStorageKey(LESSON), JSON.stringify({ ...toRecord(LESSON, edited), v: 99 }));
    expect(loadLab(storage, LESSON).notice?.message).toContain('newer version');
  });

  it('works without storage, with a notice', () => {
    expect(loadLab(null, LESSON).notice?.kind).toBe('storage-unavailable');
    expect(saveLab(null, LESSON, edited, pristine)?.kind).toBe('storage-unavailable');
    expect(loadLab(new BrokenStorage(), LESSON).notice?.kind).toBe('storage-unavailable');
    expect(saveLab(new BrokenStorage(), LESSON, edited, pristine)?.kind).toBe('save-failed');
  });

  it('reports a full storage without throwing', () => {
    expect(saveLab(new FullStorage(), LESSON, edited, pristine)?.kind).toBe('save-failed');
    expect(savePreviousLab(new FullStorage(), LESSON, edited)?.kind).toBe('save-failed');
  });

  it('keeps one previous lab for undoing a shared link', () => {
    const storage = new MemoryStorage();
    expect(loadPreviousLab(storage, LESSON)).toBeNull();
    expect(savePreviousLab(storage, LESSON, edited)).toBeNull();
    expect(storage.getItem(previousLabKey(LESSON))).not.toBeNull();
    expect(loadPreviousLab(storage, LESSON)).toEqual(edited);
    clearPreviousLab(storage, LESSON);
    expect(loadPreviousLab(storage, LESSON)).toBeNull();
    expect(loadPreviousLab(new BrokenStorage(), LESSON)).toBeNull();
  });
});
