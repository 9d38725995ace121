import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { Args, ID } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { BadInputError } from '../errors/domain-error';

@Injectable()
class UuidArgPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !isUUID(value)) {
      throw new BadInputError(`${metadata.data ?? 'id'} must be a UUID`);
    }
    return value;
  }
}

/**
 * A single UUID argument, e.g. `updateUser(@IdArg() id, @Args('input') input)`. Use it
 * instead of an @ArgsType class next to @Args('input'): the global ValidationPipe sees
 * the whole argument object for an @ArgsType and refuses the extra `input` property.
 */
export const IdArg = (name = 'id') => Args(name, { type: () => ID }, UuidArgPipe);
