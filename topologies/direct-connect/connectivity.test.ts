import { describeMatrix } from "../../connectivity/testing";
import { shippedStacks } from "..";
import { matrix } from "./connectivity";

describeMatrix(matrix, () => shippedStacks(matrix.topology));
